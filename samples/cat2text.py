#!/usr/bin/env python3
"""cat2text.py: a SemEval-2015 Task 4 CAT XML article (tokens with sentence numbers) as plain text for
chronicle: the title (sentence 0), the WikiNews date line (sentence 1) that chronicle reads as the
document date, a blank line, then one sentence a paragraph, the tokens joined back with the usual
spacing. Usage: python3 samples/cat2text.py ARTICLE.xml > ARTICLE.txt (samples/README)."""
import re
import sys
import xml.etree.ElementTree as ET

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}


def sentences(path):
    by = {}
    for tok in ET.parse(path).getroot().iter("token"):
        by.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
    return [by[k] for k in sorted(by)]


def detokenize(sents):
    quote_open = False  # a quotation may run over several sentences
    lines = []
    for toks in sents:
        out = ""
        for t in toks:
            if t == '"':
                out += '"' if quote_open or not out else ' "'
                quote_open = not quote_open
                continue
            glued = (not out or out.endswith(("(", "$")) or (out.endswith('"') and quote_open)
                     or t in NO_SPACE_BEFORE)
            out += t if glued else " " + t
        out = re.sub(r" ' (s|re|ve|ll|d|m)\b", r"'\1", out)  # It ' s -> It's
        out = re.sub(r"\b([A-Z]) '([A-Z])", r"\1'\2", out)  # O 'Reilly -> O'Reilly
        out = re.sub(r"(\w)s '( |$)", r"\1s'\2", out)  # the companies ' -> the companies'
        lines.append(out)
    return lines


def main():
    lines = detokenize(sentences(sys.argv[1]))
    print(lines[0])
    print(lines[1])
    for line in lines[2:]:
        print()
        print(line)


if __name__ == "__main__":
    main()
