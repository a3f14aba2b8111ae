"""Arabic folding as Khabar's src/stages/normalize.rs does it (the Arabic part), for building lists."""
import re

_DROP = re.compile("[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ی": "ي", "ة": "ه", "ؤ": "و", "ک": "ك"})
TOKEN = re.compile(r"[\u0621-\u064A]+|«|»|\"|:|،|\.")


def fold(s: str) -> str:
    return _DROP.sub("", s).translate(_FOLD)
