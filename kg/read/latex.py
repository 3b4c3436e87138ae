"""The LaTeX of BibTeX field values as plain text: accents to letters, escapes to
characters, protective braces removed, so ``Sch{\\"o}n {GAN}s`` is read as ``Schön
GANs``, the way the extractors and the graph need names. Math (``$...$``) is kept as
written, as other formats keep it; unknown commands are kept too, without their braces.
"""

from __future__ import annotations

import re
import unicodedata

_ACCENTS = {  # the accent command -> the combining character it puts on a letter
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331", "t": "\u0361",
}
_SYMBOLS = {  # commands that stand for a character (or are only formatting: "")
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
    "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
    "LaTeX": "LaTeX", "TeX": "TeX", "ldots": "…", "dots": "…", "textendash": "–", "textemdash": "—",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
    "textregistered": "®", "texttrademark": "™", "textdegree": "°", "textasciitilde": "~",
    "textbackslash": "\\", "textbar": "|", "textless": "<", "textgreater": ">", "copyright": "©",
    "S": "§", "P": "¶", "pounds": "£", "euro": "€", "textmu": "µ", "textellipsis": "…",
    "textbf": "", "textit": "", "textsl": "", "textsc": "", "texttt": "", "textrm": "", "textsf": "",
    "textup": "", "textnormal": "", "emph": "", "mbox": "", "text": "", "url": "", "bf": "", "it": "",
    "em": "", "sc": "", "tt": "", "rm": "", "sf": "", "relax": "", "protect": "", "noopsort": "",
}
_LETTER = r"(?:\\?[^\W\d_])"  # a letter, maybe accented already, or \i
_ACCENT = re.compile(
    r"""(?P<math>\$\$.*?\$\$|\$.*?\$|\\\(.*?\\\))"""  # math: kept as written
    rf"""|\\(?P<accent>["'`^~=.])\s*(?:\{{\s*(?P<braced>{_LETTER})\s*\}}|(?P<letter>{_LETTER}))"""
    rf"""|\\(?P<letter_accent>[uvHckrdbt])(?:\s*\{{\s*(?P<lbraced>{_LETTER})\s*\}}|\s+(?P<lletter>{_LETTER}))""",
    re.DOTALL,
)
_TOKEN = re.compile(
    r"""(?P<math>\$\$.*?\$\$|\$.*?\$|\\\(.*?\\\))"""
    r"""|\\(?P<command>[A-Za-z]+)(?:\{\})?"""  # \ss, \o, \LaTeX{}, \emph ...
    r"""|\\(?P<escaped>[&%$#_{}\\ ,;:!~\-"'`^=.])"""  # \& \% ... and \\ (a line break), \, (a space)
    r"""|(?P<dash>---?)|(?P<quotes>``|'')|(?P<brace>[{}])|(?P<tilde>~)""",
    re.DOTALL,
)
_SPACING = {"\\": " ", " ": " ", ",": " ", ";": " ", ":": " ", "!": "", "-": ""}  # \- is a hyphenation point
_WHITESPACE = re.compile(r"\s+")


def latex_to_text(value: str) -> str:
    r"""``value`` as plain text, whitespace runs squashed (in TeX a line break is a space).

    >>> print(latex_to_text(r'Learning {GAN}s with Sch{\"o}n \& Caf\'e --- {\AA}ngstr\"{o}m'))
    Learning GANs with Schön & Café — Ångström
    >>> print(latex_to_text(r"\emph{Fast} $\alpha$-Nets: 95\% on {ImageNet}~1K, ``really''"))
    Fast $\alpha$-Nets: 95% on ImageNet 1K, “really”
    >>> print(latex_to_text(r"\v{S}koda, Ku\c{c}uk, \'{\i}, \cite{x}"))
    Škoda, Kuçuk, í, \cite x
    >>> print(latex_to_text(r"Nguy{\~{\^e}}n Th{\d{i}}"))
    Nguyễn Thị
    """
    text = value
    for _ in range(3):  # inner accents first: Nguy{\~{\^e}}n is Nguyễn
        text, count = _ACCENT.subn(_accent, text)
        if not count or "\\" not in text:
            break
    text = _TOKEN.sub(_replace, text)
    return unicodedata.normalize("NFC", _WHITESPACE.sub(" ", text).strip())


def _accent(match: re.Match[str]) -> str:
    if match.group("accent"):
        letter, accent = match.group("braced") or match.group("letter"), match.group("accent")
    elif match.group("letter_accent"):
        letter, accent = match.group("lbraced") or match.group("lletter"), match.group("letter_accent")
    else:
        return match.group(0)  # math
    return unicodedata.normalize("NFC", letter.lstrip("\\") + _ACCENTS[accent])  # \'{\i}: an accented i


def _replace(match: re.Match[str]) -> str:
    group = match.lastgroup
    if group == "math":
        return match.group("math")
    if group == "command":
        command = match.group("command")
        if command in _SYMBOLS:
            return _SYMBOLS[command]
        return "\\" + command + (" " if match.string.startswith("{", match.end()) else "")  # \cite{x}: "\cite x"
    if group == "escaped":
        char = match.group("escaped")
        return _SPACING.get(char, char)
    if group == "dash":
        return "—" if len(match.group("dash")) == 3 else "–"
    if group == "quotes":
        return "“" if match.group("quotes") == "``" else "”"
    if group == "tilde":
        return " "  # a non-breaking space
    return ""  # a brace

