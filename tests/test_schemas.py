"""The vendored schemas are the registry packages' files, byte for byte."""

from __future__ import annotations

import hashlib

from editio import schemas


def test_every_vendored_schema_file_matches_its_recorded_checksum():
    sums = (schemas.SCHEMAS / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    recorded = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in sums}
    present = {str(p.relative_to(schemas.SCHEMAS)) for p in schemas.SCHEMAS.rglob("*")
               if p.is_file() and p.parent != schemas.SCHEMAS}
    assert set(recorded) == present
    for name, digest in recorded.items():
        assert hashlib.sha256((schemas.SCHEMAS / name).read_bytes()).hexdigest() == digest, name
    assert schemas.TEI_RNG.is_file() and schemas.JATS_DTD.is_file()


def test_the_jats_dtd_loads_offline_from_its_own_folder():
    dtd = schemas.jats_dtd()
    assert dtd.elements() and any(e.name == "element-citation" for e in dtd.iterelements())
