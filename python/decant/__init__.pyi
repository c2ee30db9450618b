"""Type stubs of the decant package."""
from os import PathLike
from typing import Literal, NotRequired, TypedDict

from ._decant import Error as Error, Extractor as Extractor, WarcReader as WarcReader
from ._decant import version as version
from ._decant import fetch as fetch, extract_url as extract_url
from ._decant import SiteModel as _SiteModel

__version__: str
__all__: list[str]

class ErrorInfo(TypedDict):
    code: str
    message: str

class Link(TypedDict):
    title: str | None
    url: str | None
    date: str | None

class WarcInfo(TypedDict):
    record_id: str | None
    target_uri: str | None
    date: str | None
    file: str | None
    offset: int
    skip: str | None

class Record(TypedDict):
    """One record, as the CLI prints it; "warc" only for archive records."""
    id: str | None
    source: str | None
    url: str | None
    title: str | None
    authors: list[str]
    date_published: str | None
    date_modified: str | None
    site_name: str | None
    section: str | None
    tags: list[str]
    description: str | None
    image: str | None
    language: str | None
    page_type: Literal["article", "listing", "collection", "forum", "product", "documentation",
                       "service", "other"]
    is_article: bool
    text: str | None
    related: list[Link]
    provenance: dict[str, str]
    error: ErrorInfo | None
    warc: NotRequired[WarcInfo]
    requested_url: NotRequired[str]

def extract(html: bytes | bytearray | memoryview | str, url: str | None = ...,
            content_type: str | None = ..., body: Literal["text", "markdown", "html"] = ...,
            errors: Literal["raise", "record"] = ..., *, id: str | None = ...,
            source: str | None = ..., max_bytes: int | None = ..., max_depth: int | None = ...,
            max_nodes: int | None = ..., timeout_ms: int | None = ...,
            site_model: SiteModel | None = ...) -> Record: ...

class SiteModel(_SiteModel):
    @classmethod
    def load(cls, path: str | bytes | PathLike[str] | PathLike[bytes]) -> SiteModel: ...
    def save(self, path: str | bytes | PathLike[str] | PathLike[bytes]) -> None: ...

def iter_warc(path: str | bytes | PathLike[str] | PathLike[bytes], *,
              body: Literal["text", "markdown", "html"] = ..., all_records: bool = ...,
              source: str | None = ..., max_bytes: int | None = ...,
              max_depth: int | None = ..., max_nodes: int | None = ...,
              timeout_ms: int | None = ..., site_model: SiteModel | None = ...,
              learn: bool = ...) -> WarcReader: ...
