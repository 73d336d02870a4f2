"""Fixtures of the source tests: the real public sample files (tests/sources/samples, NOTICE)."""

from __future__ import annotations

from pathlib import Path

import pytest
from source_helpers import SAMPLES


@pytest.fixture
def samples() -> Path:
    return SAMPLES
