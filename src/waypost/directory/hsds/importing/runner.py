"""Save an import file's batches through services.save_prepared_services and count what happened.

A large file is read in a second process (reading.py) while this one writes, so reading and writing overlap.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from waypost.directory.hsds.importing.problems import MalformedFile
from waypost.directory.hsds.importing.reading import (
    ImportFile,
    PreparedBatch,
    prepared_batches,
    received_batch,
    send_batches,
)
from waypost.directory.hsds.records import Rejection
from waypost.directory.services import (
    BatchOutcome,
    bulk_load,
    refresh_statistics_while_loading,
    save_prepared_services,
)

BATCH_SIZE = 5_000
# Below this a second process costs more to start than it saves
PARALLEL_FROM_BYTES = 20 * 1024 * 1024
# Keep the first rejections in full; a wholly wrong file should not fill memory with reasons
KEPT_REJECTIONS = 1_000


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def count(self, outcome: BatchOutcome) -> None:
        self.added += outcome.added
        self.updated += outcome.updated
        self.unchanged += outcome.unchanged

    def reject(self, rejection: Rejection) -> None:
        self.rejected += 1
        if len(self.rejections) < KEPT_REJECTIONS:
            self.rejections.append(rejection)

    def lines(self) -> list[str]:
        lines = [f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, {self.rejected} rejected"]
        lines += [f"  row {rejection.row}: {rejection.reason}" for rejection in self.rejections]
        if self.rejected > len(self.rejections):
            lines.append(f"  … and {self.rejected - len(self.rejections)} more rejected rows")
        return lines


@contextmanager
def collecting_less_garbage() -> Iterator[None]:
    """An import makes millions of short-lived dicts and tuples but no reference cycles: the cycle collector
    would spend a third of the time walking them, so it pauses until the import ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def is_worth_a_second_process(spec: ImportFile) -> bool:
    paths = list(spec.path.glob("*")) if spec.path.is_dir() else [spec.path]
    size = sum(path.stat().st_size for path in paths if path.is_file())
    return (os.cpu_count() or 1) > 1 and size >= PARALLEL_FROM_BYTES


def import_file(spec: ImportFile, *, in_parallel: bool | None = None, batch_size: int = BATCH_SIZE) -> ImportSummary:
    """Import every good row of the file; raises MalformedFile if the file cannot be read at all."""
    parallel = is_worth_a_second_process(spec) if in_parallel is None else in_parallel
    summary = ImportSummary()
    with collecting_less_garbage(), bulk_load(is_large=parallel):
        batches = batches_from_reading_process(spec, batch_size) if parallel else prepared_batches(spec, batch_size)
        for number, batch in enumerate(batches, start=1):
            for rejection in batch.rejections:
                summary.reject(rejection)
            if batch.services:
                summary.count(save_prepared_services(items=batch.services))
            if parallel and number & (number - 1) == 0:
                refresh_statistics_while_loading()  # after batches 1, 2, 4, 8…: each time the tables have doubled
    return summary


def batches_from_reading_process(spec: ImportFile, batch_size: int) -> Iterator[PreparedBatch]:
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no copy of this one's database connection
    receiving, sending = context.Pipe(duplex=False)
    reader = context.Process(target=send_batches, args=(spec, batch_size, sending), daemon=True)
    reader.start()
    sending.close()
    try:
        while True:
            try:
                batch = received_batch(receiving.recv_bytes())
            except EOFError:
                raise RuntimeError(f"the process reading {spec.path} stopped (exit code {reader.exitcode})") from None
            if batch is None:
                return
            if isinstance(batch, MalformedFile):
                raise batch
            yield batch
    finally:
        receiving.close()
        if reader.is_alive():
            reader.terminate()
        reader.join()
