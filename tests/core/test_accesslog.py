"""The access log: JSON lines, Persian paths readable, stdout or a rotated file."""

import json

import pytest

from khabar.core import accesslog

PATH = "/news/1224974/" + "دیدار-وزیر"


def _app(headers):
    def app(environ, start_response):
        start_response("404 Not Found", headers)
        return [b"x" * 12]

    return app


class _Lines:
    """A writer target that keeps what it is given."""

    def __init__(self):
        self.blocks = []

    def __call__(self, block):
        self.blocks.append(block)

    def records(self):
        return [json.loads(line) for b in self.blocks for line in b.splitlines()]


@pytest.fixture
def lines():
    return _Lines()


@pytest.mark.parametrize(
    "raw_path",
    [
        PATH.encode("utf-8").decode("latin-1"),  # PEP 3333 (gunicorn): bytes as latin-1
        PATH,  # granian: already text
    ],
)
def test_each_request_is_one_json_line_with_a_readable_path(lines, raw_path):
    writer = accesslog.LogWriter(lines)
    app = accesslog.AccessLog(_app([("Content-Length", "12")]), writer)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": raw_path,
        "QUERY_STRING": "page=2",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    statuses = []
    assert app(environ, lambda status, headers: statuses.append(status)) == [b"x" * 12]
    assert statuses == ["404 Not Found"]  # the server still gets the answer
    writer.flush()
    (record,) = lines.records()
    assert record["path"] == PATH
    assert (record["method"], record["query"], record["status"]) == (
        "GET",
        "page=2",
        404,
    )
    assert (record["bytes"], record["ip"], record["agent"]) == (
        12,
        "192.0.2.7",
        "Mozilla/5.0",
    )
    assert record["ms"] >= 0 and record["time"].endswith("Z")
    assert PATH in lines.blocks[0]  # written as UTF-8 text, not \\u escapes


def test_an_answer_without_content_length_logs_null_bytes(lines):
    writer = accesslog.LogWriter(lines)
    app = accesslog.AccessLog(_app([("Content-Type", "text/html")]), writer)
    app({"PATH_INFO": "/"}, lambda *args: None)
    writer.flush()
    assert lines.records()[0]["bytes"] is None


def test_nothing_is_written_until_a_flush_and_nothing_twice(lines):
    writer = accesslog.LogWriter(lines)
    app = accesslog.AccessLog(_app([]), writer)
    for _ in range(3):
        app({"PATH_INFO": "/"}, lambda *args: None)
    writer.flush()
    writer.flush()
    assert len(lines.records()) == 3


def test_the_file_is_rotated_at_its_size(tmp_path):
    target = tmp_path / "access.log"
    write = accesslog.stream_writer(str(target), max_bytes=100, backups=2)
    for number in range(5):
        write(json.dumps({"n": number, "pad": "x" * 40}) + "\n")
    assert target.exists() and (tmp_path / "access.log.1").exists()
    assert (tmp_path / "access.log.2").exists()
    assert not (tmp_path / "access.log.3").exists()  # only the backups asked for
    assert all(p.stat().st_size <= 100 for p in tmp_path.glob("access.log*"))


def test_stdout_gets_the_lines(capsys):
    write = accesslog.stream_writer(accesslog.STDOUT, max_bytes=0, backups=0)
    write('{"path": "/"}\n')
    assert capsys.readouterr().out == '{"path": "/"}\n'


def test_no_target_leaves_the_application_unwrapped():
    app = _app([])
    assert accesslog.wrap(app, target="", max_bytes=0, backups=0) is app
    assert isinstance(
        accesslog.wrap(app, target="-", max_bytes=0, backups=0), accesslog.AccessLog
    )


def test_a_worker_follows_the_file_another_worker_rotated(tmp_path):
    target = tmp_path / "access.log"
    first = accesslog.stream_writer(str(target), max_bytes=100, backups=3)
    second = accesslog.stream_writer(str(target), max_bytes=100, backups=3)
    first('{"n": 1}\n')
    second('{"n": 2}\n')
    for number in range(3, 8):  # the first worker rotates
        first(json.dumps({"n": number, "pad": "x" * 30}) + "\n")
    second('{"n": 99}\n')
    assert '{"n": 99}' in target.read_text()  # not in a rotated file
    logged = "".join(p.read_text() for p in tmp_path.glob("access.log*"))
    assert all(f'"n": {n}' in logged for n in (1, 2, 3, 4, 5, 6, 7, 99))


def test_odd_characters_in_any_field_keep_the_line_valid_json():
    entry = (0.0, 'GE"T', '/a"b\\c', "q=\n", "200 OK", "7", 0.001, "::1", 'x"\x01')
    record = json.loads(accesslog.format_entry(entry))
    assert (record["method"], record["path"], record["agent"]) == (
        'GE"T',
        '/a"b\\c',
        'x"\x01',
    )
    assert record["time"] == "1970-01-01T00:00:00.000Z"
