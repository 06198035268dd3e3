"""Hostile files are refused with one French message, in small memory, whatever their shape.

Each input is generated here; low limits are passed in where the default ones would need
large files. Peak memory is traced during the read only (the input is written before).
"""

import gzip
import io
import json
import random
import re
import tracemalloc
from pathlib import Path

import pytest

from mutualis.finess.limits import (
    MB,
    JsonGuard,
    LimitExceeded,
    ReadLimits,
    bounded_items,
    number,
    size,
)
from mutualis.finess.readers import read_finess_file
from mutualis.finess.records import MAX_REASON_CHARS, NotAFinessFile

DATA = Path(__file__).parent / "data"
GEOLOC = DATA / "etalab-cs1100507-geoloc.csv"
JSON_FIXTURE = DATA / "finess-plus-structures-v1.json"
HEADER = b"finess;etalab;111;2026-05-12\r\n"
PEAK_BOUND = 50 * MB


def refused(path: Path, **limits) -> str:
    """The message of the refusal, checked to be one line read in small memory."""
    tracemalloc.start()
    try:
        with pytest.raises(NotAFinessFile) as excinfo:
            read_finess_file(path, limits=ReadLimits(**limits))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(excinfo.value)
    assert "\n" not in message and len(message) < 300
    assert peak < PEAK_BOUND, f"peak {peak / MB:.0f} MB"
    return message


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def gzip_stream(path: Path, head: bytes, filler: bytes, total: int) -> Path:
    """A gzip file of ``head`` then ``filler`` repeated up to ``total`` bytes: 64 MB of
    filler compressed once, its gzip member written again and again (gzip readers chain
    members), so that gigabytes cost a second."""
    block = filler * (64 * MB // len(filler))
    member = gzip.compress(block, compresslevel=6)
    with path.open("wb") as out:
        out.write(gzip.compress(head))
        for _ in range(max(total // len(block), 1)):
            out.write(member)
    return path


def structureet(finess: str) -> bytes:
    fields = ["structureet", finess, "010000024", "FOYER"] + [""] * 28
    fields[13], fields[15], fields[18] = "01", "01000 BOURG EN BRESSE", "500"
    return ";".join(fields).encode() + b"\r\n"


def pmej_document(entries: list[str], before: str = "", after: str = "") -> bytes:
    pmej = {"informationsGeneralesPmej": {"numFinessPm": "010000024"}, "ege": []}
    items = [json.dumps(pmej)] * 2000 + entries
    return f'{{{before}"pmej": [{", ".join(items)}]{after}}}'.encode()


def located_after_pmej(message: str, at_most: int) -> None:
    pattern = r"après l'entrée « pmej » n° ([\d\u00a0]+), dans les [\d\u00a0]+ premiers"
    found = re.search(pattern, message)
    assert found, message
    assert int(found[1].replace("\u00a0", "")) <= at_most


@pytest.fixture(scope="module")
def single_line_bomb(tmp_path_factory) -> Path:
    """2 GB once decompressed, one line after the header, about 2 MB compressed."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.csv.gz"
    return gzip_stream(path, HEADER + b"structureet;", b"A", 2048 * MB)


def test_gzip_bomb_of_one_gigabyte_line(single_line_bomb):
    assert single_line_bomb.stat().st_size < 4 * MB
    message = refused(single_line_bomb)
    assert message == "Fichier refusé : ligne 2, ligne de plus de 64 Ko."
    # With lines allowed to be huge, the decompressed size stops it (a line is held whole:
    # a low ratio keeps this one small).
    message = refused(single_line_bomb, max_line_bytes=4096 * MB, max_gzip_ratio=5)
    assert re.fullmatch(
        r"Fichier refusé : ligne 2, archive gzip de plus de [\d,]+ Mo une fois décompressée "
        r"\(plus de 5 fois sa taille\)\.",
        message,
    )


def test_gzip_bomb_of_short_lines_stops_at_the_ratio_then_at_the_cap(tmp_path):
    path = gzip_stream(tmp_path / "blank.csv.gz", HEADER, b" " * 1023 + b"\n", 64 * MB)
    allowed = 20 * path.stat().st_size
    message = refused(path, max_gzip_ratio=20)
    assert message == (
        f"Fichier refusé : ligne {allowed // 1024 + 2}, archive gzip de plus de "
        f"{size(allowed)} une fois décompressée (plus de 20 fois sa taille)."
    )
    message = refused(path, max_gzip_ratio=10_000, max_unzipped_bytes=3 * MB)
    assert message == (
        "Fichier refusé : ligne 3073, archive gzip de plus de 3 Mo une fois décompressée."
    )


def test_gzip_bomb_of_json_whitespace(tmp_path):
    path = gzip_stream(tmp_path / "flux.json.gz", b'{"pmej": [', b" ", 64 * MB)
    message = refused(path, max_gzip_ratio=20)
    assert re.fullmatch(
        r"Fichier refusé : après l'entrée « pmej » n° 0, dans les [\d\u00a0]+ premiers octets, "
        r"archive gzip de plus de [\d,]+ Mo une fois décompressée \(plus de 20 fois sa taille\)\.",
        message,
    )


def test_a_million_columns(tmp_path):
    path = write(tmp_path / "columns.csv", HEADER + b"structureet" + b";" * 1_000_000 + b"\r\n")
    assert refused(path) == "Fichier refusé : ligne 2, ligne de plus de 64 Ko."
    message = refused(path, max_line_bytes=2 * MB)
    assert message == "Fichier refusé : ligne 2, plus de 64 champs."


def test_a_field_of_megabytes(tmp_path):
    line = structureet("010000032").replace(b"FOYER", b"F" * (3 * MB))
    path = write(tmp_path / "field.csv", HEADER + structureet("010000024") + line)
    assert refused(path) == "Fichier refusé : ligne 3, ligne de plus de 64 Ko."
    message = refused(path, max_line_bytes=8 * MB)
    assert message == "Fichier refusé : ligne 3, champ n° 4 de plus de 8\u00a0192 caractères."
    # Quoted, it is beyond the csv module's own limit: split plainly, then refused.
    quoted = structureet("010000032").replace(b"FOYER", b'"' + b"F" * (3 * MB) + b'"')
    path = write(tmp_path / "quoted.csv", HEADER + quoted)
    message = refused(path, max_line_bytes=8 * MB)
    assert message == "Fichier refusé : ligne 2, champ n° 4 de plus de 8\u00a0192 caractères."


def test_binary_noise(tmp_path):
    noise = random.Random(14).randbytes(2 * MB)
    for name, content in (("noise.csv", noise), ("noise.csv.gz", gzip.compress(noise))):
        assert refused(write(tmp_path / name, content)) == (
            "Ce fichier n'est pas un fichier FINESS reconnu : "
            "fichier binaire (ni texte CSV, ni JSON)."
        )
    # Noise after a genuine start: every line is rejected, until too many are held.
    path = write(tmp_path / "tail.csv", HEADER + structureet("010000024") + noise)
    message = refused(path, max_issues=100)
    expected = r"Fichier refusé : ligne \d+, plus de 100 lignes rejetées ou signalées\."
    assert re.fullmatch(expected, message)


def test_json_nested_5000_levels_at_top_level(tmp_path):
    deep = "[" * 5000 + "]" * 5000
    document = f'{{"gco": {deep}, "pmej": []}}'.encode()
    message = refused(write(tmp_path / "deep.json", document))
    assert message == (
        f"Fichier refusé : dans les {number(len(document))} premiers octets du document, "
        "imbrication JSON sur plus de 64 niveaux."
    )


def test_json_nested_5000_levels_inside_a_pmej_entry(tmp_path):
    deep = '{"ege": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}"
    path = write(tmp_path / "deep.json", pmej_document([deep]))
    message = refused(path)
    assert message.endswith(", imbrication JSON sur plus de 64 niveaux.")
    located_after_pmej(message, at_most=2000)
    # A depth that a genuine document reaches is refused only by a lower limit.
    assert len(read_finess_file(JSON_FIXTURE).establishments) > 0
    assert refused(JSON_FIXTURE, max_json_depth=4).endswith("plus de 4 niveaux.")


def test_json_huge_string_number_and_key(tmp_path):
    cases = {
        "string": '{"pmej": [{"nom": "' + "a" * (10 * MB) + '"}]}',
        "escaped": '{"pmej": [{"nom": "' + '\\"' * (5 * MB) + '"}]}',
        "key": '{"pmej": [{"' + "k" * (10 * MB) + '": 1}]}',
    }
    for name, text in cases.items():
        message = refused(write(tmp_path / f"{name}.json", text.encode()))
        assert message.endswith(" premiers octets, valeur JSON de plus de 64 Ko."), name
        located_after_pmej(message, at_most=0)
    # An integer of 5 000 digits would crash ijson's C backend: it never reaches it.
    path = write(tmp_path / "number.json", b'{"pmej": [' + b"1" * 5000 + b"]}")
    assert refused(path).endswith(", nombre JSON de plus de 4\u00a0000 chiffres.")
    later = pmej_document(['{"nom": "' + "a" * MB + '"}'])
    message = refused(write(tmp_path / "later.json", later), max_token_bytes=1000)
    assert message.endswith(", valeur JSON de plus de 1\u00a0000 octets.")
    located_after_pmej(message, at_most=2000)


def test_json_entry_too_large(tmp_path):
    ege = json.dumps({"informationsGeneralesEGE": {"numFinessEge": "010000032"}})
    big = '{"informationsGeneralesPmej": {}, "ege": [' + ", ".join([ege] * 5000) + "]}"
    path = write(tmp_path / "big.json", pmej_document([big]))
    message = refused(path, max_item_bytes=100 * 1024)
    assert message.endswith(", entrée JSON de plus de 100 Ko.")
    located_after_pmej(message, at_most=2000)


def test_truncated_gzip_json(tmp_path):
    whole = gzip.compress(pmej_document([]))
    path = write(tmp_path / "cut.json.gz", whole[: len(whole) // 2])
    assert refused(path) == (
        "Ce fichier n'est pas un fichier FINESS reconnu : archive gzip illisible ou tronquée."
    )


def test_too_many_records(tmp_path):
    lines = b"".join(structureet(f"0100{n:05d}") for n in range(50))
    path = write(tmp_path / "many.csv", HEADER + lines)
    assert len(read_finess_file(path).rejects) < 50  # readable with the default limits
    message = refused(path, max_records=10)
    assert message == (
        "Fichier refusé : ligne 12, plus de 10 établissements et entités juridiques."
    )
    message = refused(JSON_FIXTURE, max_records=3)
    assert re.fullmatch(
        r"Fichier refusé : entrée « pmej » n° \d, plus de 3 établissements et entités "
        r"juridiques\.",
        message,
    )


def test_too_much_text_held(tmp_path):
    """Long names, each within the field limit, but many of them: the text is bounded."""
    lines = b"".join(structureet(f"0100{n:05d}").replace(b"FOYER", b"N" * 5000) for n in range(50))
    path = write(tmp_path / "names.csv", HEADER + lines)
    assert len(read_finess_file(path).establishments) == 50
    message = refused(path, max_text_chars=100_000)
    assert message == (
        "Fichier refusé : ligne 21, plus de 100\u00a0000 caractères de texte "
        "dans les établissements et entités juridiques lus."
    )


def test_file_too_large(tmp_path):
    assert refused(GEOLOC, max_file_bytes=1024) == (
        "Fichier refusé : fichier de 5,1 Ko, au-delà de 1 Ko."
    )


def test_every_refusal_is_a_limit_exceeded_naming_its_limit(tmp_path):
    path = write(tmp_path / "columns.csv", HEADER + b";" * 100 + b"\r\n")
    with pytest.raises(LimitExceeded) as excinfo:
        read_finess_file(path, limits=ReadLimits(max_line_bytes=50))
    assert (excinfo.value.where, excinfo.value.what) == ("ligne 2", "ligne de plus de 50 octets")


def test_bounded_items_yields_entries_of_any_top_level_list(tmp_path):
    document = b'{"gco": [{"id": 1}, {"id": 2}], "pmej": []}'
    with (tmp_path / "groupings.json").open("wb") as out:
        out.write(document)
    with (tmp_path / "groupings.json").open("rb") as stream:
        assert list(bounded_items(stream, "gco.item", ReadLimits())) == [{"id": 1}, {"id": 2}]
    deep = b'{"gco": [{"id": 1}, ' + b"[" * 100 + b"]" * 100 + b"]}"
    with (tmp_path / "deep.json").open("wb") as out:
        out.write(deep)
    with (tmp_path / "deep.json").open("rb") as stream, pytest.raises(LimitExceeded) as excinfo:
        list(bounded_items(stream, "gco.item", ReadLimits()))
    assert excinfo.value.where == (
        f"après l'entrée « gco » n° 0, dans les {len(deep)} premiers octets"
    )


def random_json(rng: random.Random, depth: int = 0) -> str:
    """A JSON value whose strings hold brackets, quotes and backslashes now and then."""
    kind = rng.choice("sssnnao" if depth < 12 else "sn")
    if kind == "s":
        alphabet = ["a", "é", "[", "]", "{", "}", '\\"', "\\\\", "\\n", " ", ",", ":"]
        return '"' + "".join(rng.choices(alphabet, k=rng.randint(0, 30))) + '"'
    if kind == "n":
        return str(rng.randint(-(10**12), 10**12))
    values = [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if kind == "a":
        return "[" + ", ".join(values) + "]"
    return "{" + ", ".join(f'"k{i}": {value}' for i, value in enumerate(values)) + "}"


def reference_scan(text: bytes) -> tuple[int, int]:
    """Deepest nesting and longest string (escaped bytes), one byte at a time."""
    depth = deepest = longest = 0
    in_string, escaped, start = False, False, 0
    for position, byte in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string, longest = False, max(longest, position - start - 1)
        elif byte == 0x22:
            in_string, start = True, position
        elif byte in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        elif byte in b"]}":
            depth -= 1
    return deepest, longest


def guarded_read(text: bytes, rng: random.Random, **limits) -> None:
    guard = JsonGuard(io.BytesIO(text), ReadLimits(**limits))
    while guard.read(rng.randint(1, 200)):
        pass


def test_the_guard_follows_depth_and_strings_exactly_whatever_the_chunks():
    rng = random.Random(14)
    for _ in range(300):
        text = ('{"pmej": [' + random_json(rng) + "]}").encode()
        deepest, longest = reference_scan(text)
        guarded_read(text, rng, max_json_depth=deepest, max_token_bytes=max(longest, 1))
        with pytest.raises(LimitExceeded, match="imbrication JSON sur plus de"):
            guarded_read(text, rng, max_json_depth=deepest - 1)
        if longest > 1:
            with pytest.raises(LimitExceeded, match="valeur JSON de plus de"):
                guarded_read(text, rng, max_token_bytes=longest - 1)


def mutated(rng: random.Random, data: bytes) -> bytes:
    pieces = [b"[", b"{", b"}", b'"', b"\\", b";", b"\n", b"\x00", b"\xff", b"1" * 50, b":"]
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        position, draw = rng.randrange(len(data) + 1), rng.random()
        if draw < 0.3 and data:
            data[min(position, len(data) - 1)] = rng.randrange(256)
        elif draw < 0.6:
            data[position:position] = rng.choice(pieces) * rng.randint(1, 40)
        elif draw < 0.8:
            del data[position : position + rng.randint(1, 50)]
        else:
            del data[position:]
    return bytes(data)


def test_mutated_files_are_read_or_refused_never_crash(tmp_path):
    """Fuzz: any damage to genuine files gives a result or one French refusal."""
    rng = random.Random(14)
    seeds = [JSON_FIXTURE.read_bytes(), GEOLOC.read_bytes()]
    low = ReadLimits(max_json_depth=8, max_token_bytes=200, max_line_bytes=2000, max_fields=40)
    path = tmp_path / "fuzz"
    for _ in range(400):
        data = mutated(rng, rng.choice(seeds))
        if rng.random() < 0.2:
            data = gzip.compress(data)[: rng.choice([None, rng.randrange(10, 200)])]
        path.write_bytes(data)
        for limits in (ReadLimits(), low):
            try:
                result = read_finess_file(path, limits=limits)
            except NotAFinessFile as error:
                assert "\n" not in str(error) and len(str(error)) < 300
            else:
                issues = result.rejects + result.warnings
                assert all(len(issue.reason) <= MAX_REASON_CHARS for issue in issues)


def test_values_quoted_in_issues_are_cut(tmp_path):
    fields = structureet("010000024").decode().split(";")
    fields[28] = "9" * 5000  # dateouv
    path = write(tmp_path / "date.csv", HEADER + ";".join(fields).encode())
    (warning,) = read_finess_file(path).warnings
    assert warning.reason.startswith("Date d'ouverture illisible : « 9999")
    assert len(warning.reason) == MAX_REASON_CHARS and warning.reason.endswith("…")
