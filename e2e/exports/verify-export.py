# python3 e2e/exports/verify-export.py <folder of unpacked exports, one per format>  (needs PyYAML)
# Checks an exported folder the way the Python side reads it: the card's YAML configs, UTF-8 without
# BOM, one JSON object per line even under str.splitlines(), a uniform shape, the manifest's hashes.
import hashlib, json, os, sys, yaml

def shape(value):
    if isinstance(value, dict): return {k: shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list): return ["list", sorted({json.dumps(shape(v), sort_keys=True) for v in value})]
    return type(value).__name__

ok = True
for fmt in sorted(os.listdir(sys.argv[1])):
    root = os.path.join(sys.argv[1], fmt)
    card = open(os.path.join(root, "README.md"), encoding="utf-8").read()
    front = yaml.safe_load(card.split("---\n")[1])
    files = [f for c in front["configs"] for f in c["data_files"]]
    manifest = json.load(open(os.path.join(root, "manifest.json")))
    for entry in manifest["files"]:
        data = open(os.path.join(root, entry["path"]), "rb").read()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], (fmt, entry["path"])
    rows = 0
    for f in files:
        if f["path"].endswith(".parquet"): continue  # veRL parquet: read back by lib/export/verl-parquet.test.ts
        raw = open(os.path.join(root, f["path"]), "rb").read()
        assert not raw.startswith(b"\xef\xbb\xbf"), "BOM"
        text = raw.decode("utf-8")
        lines = text.splitlines()
        assert len(lines) == text.count("\n"), (fmt, "splitlines disagrees")
        records = [json.loads(line) for line in lines]
        top = {json.dumps(sorted(r.keys())) for r in records}
        assert len(top) == 1, (fmt, top)
        rows += len(records)
        if fmt == "kto": assert all(isinstance(r["label"], bool) for r in records)
        if fmt == "trl-preference": assert all(isinstance(r["margin"], float) or isinstance(r["margin"], int) for r in records)
    if fmt.startswith("llamafactory"):
        info = json.load(open(os.path.join(root, "dataset_info.json")))
        for name, entry in info.items():
            assert os.path.exists(os.path.join(root, entry["file_name"])), (fmt, name)
    print(f"{fmt:28} ok: splits {[f['split'] for f in files]}, {rows} rows, tags {front['tags']}")
