"""Write N distinct fact documents to a new directory: the sample documents of
testdata/facts/valid in turn, each with its own DataMiner ID and build number (the same
on both agents, so the verdicts stay those of the sample).

Usage: python3 bench/generate.py N DIR   (from the repository's root)
"""
import glob, json, os, re, sys

n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out)
samples = [json.load(open(p)) for p in sorted(glob.glob("testdata/facts/valid/*.json"))]
for i in range(n):
    doc = json.loads(json.dumps(samples[i % len(samples)]))
    for agent in doc["agents"].values():
        if isinstance(agent.get("dataminer_id"), int):
            agent["dataminer_id"] = agent["dataminer_id"] + i % 9000
        v = agent.get("version")
        if v and isinstance(v.get("build"), int) and re.search(r"-%d\b" % v["build"], v.get("raw", "")):
            shift = i % 500
            v["raw"] = v["raw"].replace("-%d" % v["build"], "-%d" % (v["build"] + shift), 1)
            v["build"] += shift
    with open(os.path.join(out, "facts-%05d.json" % i), "w") as f:
        json.dump(doc, f, indent=2)
