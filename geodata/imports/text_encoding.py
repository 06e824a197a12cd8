"""Which encoding an imported file's text is in, judged from its bytes: a byte-order mark (UTF-8, UTF-16,
UTF-32) decides; otherwise UTF-8 when every byte sequence is valid UTF-8, else GB18030 (the superset of
GBK and GB2312 that Chinese Windows software writes). Files are checked in chunks, never read whole.

UTF-8 wins over GB18030 when both decode: Chinese text in UTF-8 is almost always valid GB18030 too
(名称 reads as 鍚嶇О), while GBK text is almost never valid UTF-8.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 22
# (mark, codec, label); UTF-32 first, since its little-endian mark begins with UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
UTF8, GB18030 = "utf-8", "gb18030"
# Encoding names found in .cpg files (Esri writes code page numbers) → Python codecs, named as iconv names
# them too: pyogrio has GDAL recode a shapefile's text with iconv.
CPG_NAMES = {"UTF8": UTF8, "65001": UTF8, "936": "gbk", "ANSI936": "gbk", "CP936": "gbk", "GBK": "gbk",
             "GB2312": "gbk", "GB18030": GB18030, "54936": GB18030, "950": "big5", "ANSI950": "big5",
             "BIG5": "big5", "1252": "cp1252", "ANSI1252": "cp1252", "88591": "iso8859-1", "ISO88591": "iso8859-1"}


@dataclass(frozen=True)
class TextEncoding:
    codec: str  # a Python codec name
    label: str  # how the import report names it, with how it was found


def file_chunks(path: Path, start: int = 0) -> Iterator[bytes]:
    with path.open("rb") as file:
        file.seek(start)
        while chunk := file.read(CHUNK):
            yield chunk


def decodes(chunks: Iterable[bytes], codec: str) -> bool:
    """Whether the bytes decode in `codec` without a single error; decoded chunk by chunk."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    try:
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def is_ascii(chunks: Iterable[bytes]) -> bool:
    return all(chunk.isascii() for chunk in chunks)


def text_encoding(path: Path) -> TextEncoding | None:
    """The encoding of a text file (GeoJSON, KML, CSV), or None when it is neither UTF-8, GB18030 nor
    a text with a byte-order mark."""
    with path.open("rb") as file:
        head = file.read(4)
    for mark, codec, label in BYTE_ORDER_MARKS:
        if head.startswith(mark):
            found = TextEncoding(codec, f"{label} (from its byte-order mark)")
            return found if decodes(file_chunks(path), codec) else None
    if decodes(file_chunks(path), UTF8):
        return TextEncoding(UTF8, "UTF-8")
    if decodes(file_chunks(path), GB18030):
        return TextEncoding(GB18030, "GB18030 (detected: the file is not valid UTF-8)")
    return None


def undecodable(name: str, what: str) -> str:
    """The message for text that is in no encoding this program reads."""
    return (f"{name} is not text this program can read: its {what} is neither UTF-8 nor GB18030/GBK, and has no "
            "UTF-16 byte-order mark. Save it again as UTF-8 (in QGIS: Export → Save Features As…, encoding UTF-8).")


def cpg_codec(declared: str) -> str | None:
    """The Python codec a .cpg file's text names ("UTF-8", "936", "ANSI 936", "GBK" …), or None."""
    key = re.sub(r"[\s_\-]", "", declared).upper()
    if key in CPG_NAMES:
        return CPG_NAMES[key]
    try:
        return codecs.lookup(declared).name
    except (LookupError, ValueError):
        return None


def transcode_to_utf8(source: Path, encoding: TextEncoding, target: Path, kml: bool) -> None:
    """Write `source` as UTF-8 to `target`, chunk by chunk (for GDAL, which reads GeoJSON and KML only as
    UTF-8). An XML declaration that names the old encoding is rewritten to name UTF-8."""
    decoder = codecs.getincrementaldecoder(encoding.codec)(errors="strict")
    first = True
    with target.open("w", encoding=UTF8, newline="") as out:
        for chunk in file_chunks(source):
            text = decoder.decode(chunk)
            if first and text:
                text = text.lstrip("\ufeff")
                if kml:
                    text = re.sub(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""", r'\1"UTF-8"', text, count=1)
                first = False
            out.write(text)
        out.write(decoder.decode(b"", final=True))
