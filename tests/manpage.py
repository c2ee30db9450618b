"""Checks that docs/decant.1 and `decant --help` describe the same options.

    python3 tests/manpage.py path/to/decant docs/decant.1 cli/

"Equal" means, precisely:
  1. the option synopses of --help (each "  -o, --output FILE" line, up to the
     column where its description starts) and the tags of the man page's
     OPTIONS section (each line after .TP, with the troff fonts and escapes
     taken out) are the same list, in the same order: the same short and
     long names and the same argument names;
  2. every long option the CLI's getopt table (cli/*.c, long_options) accepts
     is in that list, and no other (so no option is hidden from both);
  3. the man page's .TH names the version that `decant --version` prints;
  4. both document the same exit statuses (the numbers listed under --help's
     "Exit status:" and under the man page's EXIT STATUS).
Prints what differs and exits 1; prints nothing and exits 0 when equal.
"""
import glob
import os
import re
import shlex
import subprocess
import sys


def help_synopses(text):
    """The option column of --help's "Options:" block."""
    out, inside = [], False
    for line in text.splitlines():
        # From "Options:" to "Exit status:", through any headings between.
        if line == "Options:":
            inside = True
            continue
        if line == "Exit status:":
            inside = False
        if inside and re.match(r"^ {2,}-", line):
            out.append(re.split(r" {2,}", line.strip(), maxsplit=1)[0])
    return out


def help_exit_codes(text):
    m = re.search(r"^Exit status:\n((?:  .*\n?)+)", text, re.M)
    return sorted(set(re.findall(r"^  (\d+) ", m.group(1), re.M))) if m else []


FONT = re.compile(r"\\f[BIRP]|\\f\(..|\\&")


def troff_text(s):
    return FONT.sub("", s).replace("\\-", "-").replace("\\(dq", '"').replace("\\e", "\\")


def macro_text(line):
    """The text a font macro line (.B, .BI, .BR, .I, .IR, ...) prints."""
    name, _, rest = line.partition(" ")
    args = shlex.split(rest.replace("\\", "\\\\"), posix=True) if rest else []
    args = [a.replace("\\\\", "\\") for a in args]
    # .B and .I join their words with spaces; the alternating-font macros
    # (.BI, .BR, .IR, .RB, ...) join them with nothing.
    joiner = " " if name in (".B", ".I") else ""
    return troff_text(joiner.join(args))


def sections(man):
    cur, out = None, {}
    for line in man.splitlines():
        if line.startswith(".SH "):
            cur = line[4:].strip().strip('"')
            out[cur] = []
        elif cur:
            out[cur].append(line)
    return out


def man_synopses(lines):
    return [macro_text(lines[i + 1]) for i, line in enumerate(lines)
            if line.strip() == ".TP" and i + 1 < len(lines)]


def man_exit_codes(lines):
    return sorted(set(m for line in man_synopses(lines)
                      for m in re.findall(r"^(\d+)$", line)))


def getopt_names(cli_dir):
    names = []
    for path in sorted(glob.glob(os.path.join(cli_dir, "*.c"))):
        with open(path, encoding="utf-8") as f:
            names += re.findall(r'\{"([a-z][a-z-]*)",\s*(?:no|required|optional)_argument', f.read())
    return sorted(set(names))


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: manpage.py DECANT MANPAGE CLI_DIR")
    decant, manpath, cli_dir = sys.argv[1:]
    helptext = subprocess.run([decant, "--help"], capture_output=True, text=True, check=True).stdout
    version = subprocess.run([decant, "--version"], capture_output=True, text=True, check=True).stdout
    with open(manpath, encoding="utf-8") as f:
        man = f.read()
    secs = sections(man)
    problems = []

    h = help_synopses(helptext)
    m = man_synopses(secs.get("OPTIONS", []))
    if not h:
        problems.append("--help lists no options")
    if h != m:
        problems.append("--help and the man page's OPTIONS differ:")
        for x in h:
            if x not in m:
                problems.append("  only in --help:   " + x)
        for x in m:
            if x not in h:
                problems.append("  only in man page: " + x)
        if sorted(h) == sorted(m):
            problems.append("  (same options, different order)")

    longs = sorted(set(re.findall(r"--([a-z][a-z-]*)", " ".join(h))))
    table = getopt_names(cli_dir)
    if longs != table:
        problems.append("--help's long options %s differ from the getopt table's %s"
                        % (sorted(set(longs) - set(table)), sorted(set(table) - set(longs))))

    th = re.search(r'^\.TH .*"decant ([^"]+)"', man, re.M)
    if not th or version.strip() != "decant " + th.group(1):
        problems.append(".TH names %s, decant --version prints %r"
                        % (th.group(1) if th else "no version", version.strip()))

    he, me = help_exit_codes(helptext), man_exit_codes(secs.get("EXIT STATUS", []))
    if not he or he != me:
        problems.append("exit statuses: --help %s, man page %s" % (he, me))

    if problems:
        print("\n".join(problems))
        sys.exit(1)


main()
