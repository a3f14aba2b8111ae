//! Share links: the article and its settings packed into a URL fragment, and back.
