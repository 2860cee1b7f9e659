"""The interface every search backend implements (DESIGN.md §5)."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from search import SIMILAR_LIMIT
from search.params import Hit, Results, SearchParams

Progress = Callable[[int], None]


class SearchBackend(ABC):
    name: str = ""

    @abstractmethod
    def index(self, ids: Iterable[int]) -> None:
        """Bring these innovations up to date: published ones are (re)indexed, others removed."""

    @abstractmethod
    def remove(self, ids: Iterable[int]) -> None:
        """Take these innovations out of the index (deleted or unpublished)."""

    @abstractmethod
    def rebuild(self, *, progress: Progress | None = None, batch_size: int = 500) -> int:
        """Index every published innovation from scratch, without a moment of empty results.

        Calls progress(n) after each batch of n innovations; returns how many were indexed.
        """

    @abstractmethod
    def query(self, params: SearchParams) -> Results:
        """Ranked page of hits, total, facet counts (multi-select) and a spelling suggestion."""

    @abstractmethod
    def similar(self, innovation_id: int, *, limit: int = SIMILAR_LIMIT) -> list[Hit]:
        """Published innovations most like this one ("more like this"), best first."""
