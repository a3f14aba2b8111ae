"""Type stubs of the compiled extension (python/src/lib.rs); use the wrappers in ``khabar``."""

from typing import List, Optional, Sequence, Tuple

__version__: str

def analyze_json(text: str, lang: Optional[str] = None, date: Optional[str] = None) -> str:
    """One document's Analysis as the JSON the single-document CLI prints; ValueError on bad input."""

def analyze_batch(
    docs: Sequence[Tuple[Optional[str], Optional[str], Optional[str]]], threads: Optional[int] = None
) -> List[Tuple[bool, str]]:
    """For each ``(text, lang, date)``, in order, ``(True, analysis JSON)`` or ``(False, message)``.

    Runs on ``threads`` threads (every core when None) with the GIL released. A ``text`` of None
    stands for a document the caller already found wrong.
    """
