from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "system-design-case-studies.md"


@pytest.fixture
def source_document() -> Path:
    if not SOURCE.exists():
        pytest.skip(f"the source document is not here ({SOURCE})")
    return SOURCE
