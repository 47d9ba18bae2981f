"""Real pen data in Zhucun's stroke format: the SVC2004 and SigComp2011 converters, and the
evaluation anyone can rerun on a labelled set (bench.signatures --labelled)."""
import gzip
import io
import json
import zipfile

from app.core import signature
from app.core.handwriting import Writer
from bench import signatures as bench
from scripts.signature_data import labelled, sigcomp2011_dutch, svc2004

# X Y T BUTTON AZIMUTH ALTITUDE PRESSURE; BUTTON 0 where the pen comes down again; y grows up;
# the tablet's clock steps back 3 ms once.
SVC_FILE = """6
1000 2000 500 0 1 2 3
1100 2100 510 1 1 2 3
1200 2050 520 1 1 2 3
3000 2000 900 0 1 2 3
3100 1900 897 1 1 2 3
3200 1800 930 1 1 2 3
"""


def zipped(files: dict[str, str]) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    buf.seek(0)
    return buf


def test_svc2004_strokes_split_where_the_pen_comes_down_and_time_never_runs_back():
    [genuine, forged] = labelled.convert(zipped({"Task2/U3S2.TXT": SVC_FILE, "Task2/U3S25.TXT": SVC_FILE,
                                                 "Task2/readme.txt": "x"}), svc2004.record_of)
    assert (genuine["user"], genuine["sample"], genuine["kind"]) == (3, 2, "genuine")
    assert (forged["sample"], forged["kind"]) == (25, "forgery")
    sig = genuine["signature"]
    assert signature.validate(sig) == sig
    assert [len(s) for s in sig["strokes"]] == [3, 3]
    times = [p[2] for s in sig["strokes"] for p in s]
    assert times == [0, 10, 20, 400, 400, 430]
    # One pad for every signature of the corpus, y turned to run down as on a screen.
    assert (sig["width"], sig["height"]) == (658, 458)
    (x0, y0, _), (x1, y1, _) = sig["strokes"][0][:2]
    assert x1 - x0 == 5 and y1 - y0 == -5


def test_sigcomp2011_pen_up_samples_end_a_stroke():
    text = "20000 20000 0\n20000 20000 50\n20100 20000 60\n20100 20000 0\n21000 20500 40\n"
    [forged] = labelled.convert(zipped({"001/001_170_02.hwr": text}), sigcomp2011_dutch.record_of)
    assert (forged["user"], forged["kind"]) == (1, "forgery")
    assert [[p[2] for p in s] for s in forged["signature"]["strokes"]] == [[0, 5], [15]]  # 200 a second, from the first point


def test_labelled_sets_round_trip_gzip_or_plain(tmp_path):
    records = [{"user": 1, "sample": 1, "kind": "genuine", "signature": Writer(1).sign("张伟", 1)}]
    labelled.write(tmp_path / "a.json.gz", "test", records)
    assert gzip.decompress((tmp_path / "a.json.gz").read_bytes())  # really gzip
    (tmp_path / "b.json").write_text(json.dumps(records))
    assert labelled.read(tmp_path / "a.json.gz") == labelled.read(tmp_path / "b.json") == records


def test_the_evaluation_on_a_labelled_set(tmp_path, capsys):
    records = []
    for user in (1, 2, 3):
        w = Writer(7_400_000 + user)
        records += [{"user": user, "sample": k, "kind": "genuine", "signature": w.sign(f"用户{user}", k)}
                    for k in range(1, 5)]
        records.append({"user": user, "sample": 21, "kind": "forgery",
                        "signature": Writer(7_400_100 + user).sign(f"用户{user}", 9)})
    (tmp_path / "set.json").write_text(json.dumps({"records": records}))
    bench.main(["--labelled", str(tmp_path / "set.json"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert {"precision", "recall", "false_alarms", "eer"} <= set(out)
    assert out["threshold"] == signature.SAME_HAND_THRESHOLD
    assert out["same_pairs"] == 3 * 6 and out["different_pairs"] == 3 * 16
    assert 0 <= out["false_alarms"] <= 1 and 0 <= out["eer"] <= 1
    bench.main(["--labelled", str(tmp_path / "set.json"), "--users", "1-2", "--choose"])
    assert "users 2" in capsys.readouterr().out
