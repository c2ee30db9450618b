"""Type stubs of decant's C core (decant/_decant.c)."""
from os import PathLike
from types import TracebackType
from typing import Any, Iterator, Literal, TypedDict

from . import Record

class Error(Exception):
    """A page, or an archive, that gave no result."""
    code: str
    """The status name: "binary", "not_html", "no_content", "empty", ..."""
    message: str
    """The library's description of the failure."""
    position: int
    """A byte offset in the input where known, else 0."""

class Extractor:
    """A reusable extractor; threads sharing one take turns.  It gives any
    body format; markdown= and html= are accepted and always true."""
    markdown: bool
    html: bool
    def __init__(self, *, markdown: bool = ..., html: bool = ..., max_bytes: int | None = ...,
                 max_depth: int | None = ..., max_nodes: int | None = ...,
                 timeout_ms: int | None = ...) -> None: ...
    def extract(self, html: bytes | bytearray | memoryview | str, url: str | None = ...,
                content_type: str | None = ..., body: Literal["text", "markdown", "html"] = ...,
                errors: Literal["raise", "record"] = ..., *, id: str | None = ...,
                source: str | None = ..., site_model: SiteModel | None = ...) -> Record: ...

class SiteModel:
    """Site templates: per site, the blocks its pages repeat."""
    def __init__(self, data: bytes | bytearray | memoryview | None = ...) -> None: ...
    def learn(self, html: bytes | bytearray | memoryview | str, url: str | None = ...,
              content_type: str | None = ...) -> str | None: ...
    def to_bytes(self) -> bytes: ...
    def __len__(self) -> int: ...

class WarcReader(Iterator[Record]):
    """An iterator over the records of a web archive."""
    path: str | None
    def __init__(self, path: str | bytes | PathLike[str] | PathLike[bytes], *,
                 body: Literal["text", "markdown", "html"] = ..., all_records: bool = ...,
                 source: str | None = ..., max_bytes: int | None = ...,
                 max_depth: int | None = ..., max_nodes: int | None = ...,
                 timeout_ms: int | None = ..., site_model: SiteModel | None = ...,
                 learn: bool = ...) -> None: ...
    def __iter__(self) -> WarcReader: ...
    def __next__(self) -> Record: ...
    def close(self) -> None: ...
    def stats(self) -> dict[str, Any]: ...
    def __enter__(self) -> WarcReader: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...

class Exchange(TypedDict):
    url: str
    date: str
    ip: str | None
    request: bytes
    response: bytes | None
    truncated: str | None

class FetchResult(TypedDict):
    url: str
    requested_url: str
    status: int
    content_type: str | None
    body: bytes | None
    id: str
    date: str | None
    error: dict[str, str] | None
    exchanges: list[Exchange]

def fetch(url: str, errors: Literal["raise", "record"] = ..., *, user_agent: str | None = ...,
          timeout: float | None = ..., connect_timeout: float | None = ..., retries: int | None = ...,
          retry_delay: float | None = ..., delay: float | None = ..., max_redirects: int | None = ...,
          max_bytes: int | None = ..., ignore_robots: bool = ...,
          allow_hosts: list[str] | tuple[str, ...] | None = ...) -> FetchResult: ...

def extract_url(url: str, body: Literal["text", "markdown", "html"] = ...,
                errors: Literal["raise", "record"] = ..., *, user_agent: str | None = ...,
                timeout: float | None = ..., connect_timeout: float | None = ...,
                retries: int | None = ..., retry_delay: float | None = ..., delay: float | None = ...,
                max_redirects: int | None = ..., max_bytes: int | None = ..., ignore_robots: bool = ...,
                allow_hosts: list[str] | tuple[str, ...] | None = ..., max_depth: int | None = ...,
                max_nodes: int | None = ..., timeout_ms: int | None = ...) -> Record: ...

def version() -> str: ...
