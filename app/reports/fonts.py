"""The fonts a printed page uses: one CJK TrueType font for the text and fallbacks for rare
name characters (CJK extensions), each character drawn in the first font that has it.

reportlab embeds TrueType outlines only (not CFF/OTF), subset, with a ToUnicode map so the
text can be copied and searched. Nothing is committed: fonts come from `resources/fonts`
(where the packaged build puts the ones it found), ZHUCUN_FONT_DIR, or the system (font_files.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.core.errors import ZhucunError
from app.reports.font_files import FALLBACK, MAIN, find_font, font_dirs


class FontsMissing(ZhucunError):
    pass


@dataclass
class FontSet:
    """Registered reportlab font names, main first. `runs` splits a text by the font that
    draws each character; `missing` lists the characters none of them has."""
    names: list[str]
    paths: list[Path]
    _maps: list[dict] = field(default_factory=list, repr=False)
    _glyph: dict = field(default_factory=dict, repr=False)  # char -> (font index, width at 1pt)
    # Fallbacks found but not read yet: they are large (50 MB for the Hanazono pair) and most
    # batches never need them, so each loads only when a character is in none of those already loaded.
    _pending: list[tuple[Path, int, str]] = field(default_factory=list, repr=False)
    _widths: dict = field(default_factory=dict, repr=False)
    _runs: dict = field(default_factory=dict, repr=False)
    _faces: dict = field(default_factory=dict, repr=False)

    def _load_next(self) -> None:
        path, index, name = self._pending.pop(0)
        font = _load(path, index, name)
        if font is not None:
            self.names.append(name)
            self.paths.append(path)
            self._maps.append(font.face.charToGlyph)

    @property
    def main(self) -> str:
        return self.names[0]

    def _lookup(self, ch: str):
        hit = self._glyph.get(ch)
        if hit is None:
            code = ord(ch)
            index = 0 if ch.isspace() or code < 0x20 else next(
                (i for i, cmap in enumerate(self._maps) if code in cmap), -1)
            if index < 0 and self._pending:
                self._load_next()  # one at a time: the first fallback usually has it
                self._runs.clear()
                return self._lookup(ch)
            face = pdfmetrics.getFont(self.names[max(index, 0)])
            hit = (index, face.stringWidth(ch, 1.0) if index >= 0 else 1.0)
            self._glyph[ch] = hit
        return hit

    def has(self, ch: str) -> bool:
        return self._lookup(ch)[0] >= 0

    def missing(self, text: str) -> list[str]:
        seen = []
        for ch in text or "":
            if self._lookup(ch)[0] < 0 and ch not in seen:
                seen.append(ch)
        return seen

    def width(self, text: str, size: float) -> float:
        # Pages repeat the same labels and cell values: each string is measured once.
        w = self._widths.get(text)
        if w is None:
            lookup = self._lookup
            w = sum(lookup(ch)[1] for ch in text)
            if len(self._widths) > 200_000:
                self._widths.clear()
            self._widths[text] = w
        return size * w

    def runs(self, text: str) -> list[tuple[str, str]]:
        """[(font name, text)] in order; a character no font has is left to the main font
        (callers check `missing` first, so this never prints a box silently)."""
        hit = self._runs.get(text)
        if hit is None:
            hit = self._split(text)
            if len(self._runs) > 200_000:
                self._runs.clear()
            self._runs[text] = hit
        return hit

    def show(self, text_object, line: str, size: float, state: list) -> None:
        """Append the operators that show `line` (at the text object's current origin) in the
        fonts that have its characters. What reportlab's textOut does, without measuring the
        line to move a cursor nobody reads: tables print hundreds of thousands of cells.
        `state[0]` remembers the font and size last set in this text object."""
        canv = text_object._canvas
        doc, code, escape = canv._doc, text_object._code, canv._escape
        for name, run in self.runs(line):
            face = self._faces.get(name) or self._faces.setdefault(name, pdfmetrics.getFont(name))
            for subset, chunk in face.splitString(run, doc):
                key = (name, subset, size)
                if key != state[0]:
                    state[0] = key
                    code.append(f"{face.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf")
                code.append(f"({escape(chunk)}) Tj")

    def _split(self, text: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        current, start = None, 0
        for i, ch in enumerate(text):
            index = max(self._lookup(ch)[0], 0)
            if index != current:
                if current is not None:
                    out.append((self.names[current], text[start:i]))
                current, start = index, i
        if current is not None:
            out.append((self.names[current], text[start:]))
        return out


def _load(path: Path, index: int, name: str) -> TTFont | None:
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError, KeyError, AssertionError):
        return None  # a CFF/OTF or broken file: reportlab cannot embed it
    pdfmetrics.registerFont(font)
    return font


@lru_cache(maxsize=None)
def load_fonts(dirs: tuple[Path, ...] | None = None) -> FontSet:
    """The first usable main font, and every fallback found (read when first needed);
    FontsMissing when no CJK TrueType font is on the machine (the message says which to
    install)."""
    dirs = list(dirs) if dirs else font_dirs()
    fonts = None
    for filename, index in MAIN:
        path = find_font(filename, dirs)
        font = _load(path, index, f"Zhucun-{path.stem}-{index}") if path else None
        if font is not None:
            fonts = FontSet(names=[font.fontName], paths=[path], _maps=[font.face.charToGlyph])
            break
    if fonts is None:
        raise FontsMissing(
            "没有找到可嵌入的中文 TrueType 字体：请安装文泉驿微米黑（fonts-wqy-microhei），"
            "Windows 上需要宋体或微软雅黑 / no CJK TrueType font found")
    for filename, index in FALLBACK:
        path = find_font(filename, dirs)
        if path is not None and path not in fonts.paths and all(p != path for p, _, _ in fonts._pending):
            fonts._pending.append((path, index, f"Zhucun-{path.stem}-{index}"))
    return fonts


def _to_unicode_cmap(fontname, subset):
    """reportlab writes each code as 4 hex digits, which garbles characters beyond the BMP
    (most rare name characters) when the PDF is copied or searched; PDF wants UTF-16BE."""
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be").hex().upper()
    cmap = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", "<< /Registry (%s)" % fontname, "/Ordering (%s)" % fontname,
        "/Supplement 0", ">> def", "/CMapName /%s def" % fontname, "/CMapType 2 def",
        "1 begincodespacerange", "<00> <%02X>" % (len(subset) - 1), "endcodespacerange",
        "%d beginbfchar" % len(subset),
    ] + ["<%02X> <%s>" % (i, utf16(v)) for i, v in enumerate(subset)] + [
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(cmap)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
