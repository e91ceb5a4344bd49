// chrono_peer.js: the peer of the benchmark (bench/bench.py). Reads the same JSON Lines corpus on stdin
// and, for each record, parses its text with chrono-node (installed in bench/node_modules by
// `make bench-peers`) against the record's date, writing one JSON line of what it found: the
// counterpart of `chronicle extract --format jsonl` (time expressions only: chrono has no events).
'use strict';
const readline = require('readline');
const chrono = require('chrono-node');

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
rl.on('line', (line) => {
    if (!line.trim()) return;
    const rec = JSON.parse(line);
    const ref = rec.date ? new Date(rec.date) : new Date(0);
    const found = chrono.parse(rec.text || '', ref).map((r) => ({
        start: r.index,
        text: r.text,
        value: r.start.date().toISOString(),
    }));
    out.push(JSON.stringify({ id: rec.id, timexes: found }));
    if (out.length >= 256) process.stdout.write(out.splice(0).join('\n') + '\n');
});
rl.on('close', () => {
    if (out.length) process.stdout.write(out.join('\n') + '\n');
});
