#!/usr/bin/env python3
"""Seed corpora of the fuzz targets (tests/fuzz/corpus/TARGET/), cut from the first lines
of the real data:

    python3 tests/fuzz/make_seeds.py SHARED_DATA_DIR SPLIT_DIR RUN_DIR

SPLIT_DIR is a canonical split folder of the bundled data (`vaecf split --out DIR`),
RUN_DIR a small run (`vaecf train --model multdae --set epochs=2 --format ml-100k ...`).
The plugin-manifest and session seeds need neither (`make_seeds.py --no-data` writes only
those).
Parts of a multi-file input are separated by the byte 0x1E (FuzzInputs.h)."""
import glob
import json
import os
import re
import sys

SEP = b"\x1e"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def head(path, lines, binary=True):
    with open(path, "rb") as f:
        return b"".join(f.readline() for _ in range(lines))


def save(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def split_seed(split_dir, train_users=5, heldout_users=2, max_sid=300):
    """A small split that reads: the first users of each part, renumbered, items < max_sid."""
    def rows(name):
        out = {}
        with open(os.path.join(split_dir, name)) as f:
            next(f)
            for line in f:
                uid, sid = map(int, line.split(","))
                if sid < max_sid:
                    out.setdefault(uid, []).append(sid)
        return out

    sids = [l.rstrip("\n") for l in open(os.path.join(split_dir, "unique_sid.txt"))][:max_sid]
    uids = [l.rstrip("\n") for l in open(os.path.join(split_dir, "unique_uid.txt"))]
    train = rows("train.csv")
    parts = [b"\n".join(s.encode() for s in sids) + b"\n"]
    lines = [b"uid,sid"]
    kept = sorted(train)[:train_users]
    for new, uid in enumerate(kept):
        lines += [b"%d,%d" % (new, s) for s in train[uid]]
    parts.append(b"\n".join(lines) + b"\n")
    user_ids = [uids[u] for u in kept]
    next_uid = len(kept)
    for stem in ("validation", "test"):
        tr, te = rows(stem + "_tr.csv"), rows(stem + "_te.csv")
        chosen = [u for u in sorted(tr) if u in te][:heldout_users]
        tr_lines, te_lines = [b"uid,sid"], [b"uid,sid"]
        for offset, uid in enumerate(chosen):
            tr_lines += [b"%d,%d" % (next_uid + offset, s) for s in tr[uid]]
            te_lines += [b"%d,%d" % (next_uid + offset, s) for s in te[uid]]
            user_ids.append(uids[uid])
        next_uid += len(chosen)
        parts += [b"\n".join(tr_lines) + b"\n", b"\n".join(te_lines) + b"\n"]
    six = SEP.join(parts)
    save("split", "small-without-uids", six)
    save("split", "small-with-uids", six + SEP + b"\n".join(u.encode() for u in user_ids) + b"\n")


def dataset_seeds(shared):
    ml100k = os.path.join(shared, "ml-100k")
    save("ml-100k", "first-lines", head(os.path.join(ml100k, "u.data"), 40) + SEP + head(os.path.join(ml100k, "u.item"), 20))
    save("ml-100k", "ratings-only", head(os.path.join(ml100k, "u.data"), 10))
    ml1m = os.path.join(shared, "ml-1m")
    save("ml-1m", "first-lines", head(os.path.join(ml1m, "ratings.dat"), 40) + SEP + head(os.path.join(ml1m, "movies.dat"), 20))
    latest = os.path.join(shared, "ml-latest-small")
    save("ml-latest", "first-lines", head(os.path.join(latest, "ratings.csv"), 40) + SEP + head(os.path.join(latest, "movies.csv"), 20))
    # No Netflix data is shared: ML-100K's first ratings in the Netflix layout.
    by_movie = {}
    for line in head(os.path.join(ml100k, "u.data"), 40).decode().splitlines():
        user, movie, rating, stamp = line.split("\t")
        by_movie.setdefault(movie, []).append("%s,%s,2005-%02d-%02d" % (user, rating, int(stamp) % 12 + 1, int(stamp) % 28 + 1))
    netflix = "".join("%s:\n%s\n" % (m, "\n".join(rows)) for m, rows in by_movie.items()).encode()
    titles = b"".join(b"%s,1995,%s\n" % (m.encode(), b"Title, with a comma") for m in by_movie)
    save("netflix", "first-lines", netflix + SEP + titles)
    save("citeulike", "first-lines", head(os.path.join(shared, "citeulike-a", "users.dat"), 15))
    # delimited: the first byte selects the options (FuzzInputs.cpp, delimitedOptions).
    csv = head(os.path.join(latest, "ratings.csv"), 40)
    save("delimited", "csv-header-value-time", bytes([0x08 | 0x20]) + csv)
    save("delimited", "csv-header-value", bytes([0x08 | 0x10]) + csv)
    save("delimited", "tab-no-header", bytes([0x01 | 0x20]) + head(os.path.join(ml100k, "u.data"), 40))
    lastfm = b"userID\tartistID\tweight\r\n2\t51\t13883\r\n2\t52\t11690\r\n2\t53\t11351\r\n3\t51\t4\r\n"
    save("delimited", "lastfm-tab-crlf", bytes([0x01 | 0x08 | 0x10]) + lastfm)
    save("delimited", "lastfm-detected", bytes([0x80 | 0x10]) + lastfm)
    save("delimited", "csv-detected", bytes([0x80 | 0x20]) + csv)
    save("delimited", "latin1-semicolon", bytes([0x02 | 0x08 | 0x10 | 0x40]) + b"user;item;value\nJos\xe9;Caf\xe9;3\n")


def run_seeds(run_dir):
    def read(name, lines=None):
        path = os.path.join(run_dir, name)
        return head(path, lines) if lines else open(path, "rb").read()
    save("run-config", "multdae", read("config.json") + SEP + read("items.txt", 30))
    save("events", "first-lines", read("events.jsonl", 12))
    save("metrics", "multdae", read("metrics.json"))


def checksummed_seed(run_dir):
    """The first 2 KB of a real best.pt as a payload with its footer (ChecksummedFile.h)."""
    import ctypes
    import struct
    xxh = ctypes.CDLL("libxxhash.so.0")  # Debian's libxxhash0
    xxh.XXH64.restype = ctypes.c_uint64
    xxh.XXH64.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint64]
    payload = open(os.path.join(run_dir, "best.pt"), "rb").read(2048)
    footer = b"VAECFSUM" + struct.pack("<QQ", len(payload), xxh.XXH64(payload, len(payload), 0))
    save("checksummed", "best-pt-head", payload + footer)
    save("checksummed", "empty-payload", b"VAECFSUM" + struct.pack("<QQ", 0, xxh.XXH64(b"", 0, 0)))


def plugin_manifest_seeds():
    """Every plugin.json of the tree as written, and as vaecf_add_plugin installs it beside
    its library (plugins/sdk/VaecfPluginConfig.cmake.in: "api" and "library" added)."""
    version = re.search(r"project\(vaecf-workbench VERSION (\d+)\.(\d+)", open(os.path.join(ROOT, "CMakeLists.txt")).read())
    api = "%s.%s" % version.groups()
    for path in sorted(glob.glob(os.path.join(ROOT, "plugins", "*", "plugin.json")) +
                       glob.glob(os.path.join(ROOT, "plugins", "examples", "*", "plugin.json"))):
        name = os.path.basename(os.path.dirname(path))
        source = open(path, "rb").read()
        save("plugin-manifest", name, source)
        manifest = json.loads(source)
        manifest.update(api=api, library=name + ".so")
        save("plugin-manifest", name + "-installed", (json.dumps(manifest, indent=2) + "\n").encode())


def session_seeds():
    """Sessions as saveSessionFile writes them (ui/session/SessionFile.cpp: nlohmann's
    dump(2) of a key-sorted object) for each kind of data request the window makes."""
    protocol = {"positive_threshold": None, "threshold_given": False, "min_user_positives": 5,
                "heldout_users": 0, "heldout_fraction": 0.2, "heldout_order": "random", "seed": 98765}
    rest = {"model": "multdae", "params": [["epochs", "7"], ["dropout", "0.3"]], "cohort_edges": [3, 9],
            "runs_folder": "/home/user/runs"}

    def session(name, data):
        save("session", name, (json.dumps(dict(data, **rest), indent=2, sort_keys=True) + "\n").encode())

    session("synthetic", {"synthetic": {"users": 300, "items": 120, "communities": 8, "seed": 9},
                          "protocol": {"min_user_positives": 5, "heldout_users": 30, "heldout_fraction": 0.2,
                                       "seed": 98765}})
    session("bundled", {"data": {"format": "ml-latest", "path": "/usr/share/vaecf-workbench/data/ml-latest-small",
                                 "protocol": protocol}})
    session("split-folder", {"data": {"split": "/home/user/split", "protocol": protocol}})
    delimited = {"separator": "\t", "header": True, "user_column": 0, "item_column": 1, "value_column": 2,
                 "timestamp_column": 3, "encoding": "latin1"}
    session("delimited-by-time", {"data": {"format": "delimited", "path": "/home/user/plays.tsv", "delimited": delimited,
                                           "protocol": dict(protocol, positive_threshold=3.5, threshold_given=True,
                                                            heldout_order="time")}})


def main():
    plugin_manifest_seeds()
    session_seeds()
    if sys.argv[1:] == ["--no-data"]:
        return
    shared, split_dir, run_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    split_seed(split_dir)
    dataset_seeds(shared)
    run_seeds(run_dir)
    checksummed_seed(run_dir)


if __name__ == "__main__":
    main()
