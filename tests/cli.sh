#!/bin/sh
# tests/cli.sh — end-to-end checks of the decant command line.
#
#   sh tests/cli.sh path/to/decant
#
# Prints one line per check and then "cli: N passed, N failed"; exits non-zero
# when any check failed.  Needs python3 for the JSON checks.
set -u

suite=cli
. "$(dirname "$0")/lib.sh"
manpage=$root/docs/decant.1

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# field FILE KEY: KEY of every JSONL record in FILE, one per line; strings
# raw, null as "null", anything else as JSON.  Fails on malformed JSON.
field() {
    python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    v = json.loads(line)[sys.argv[2]]
    print("null" if v is None else v if isinstance(v, str) else json.dumps(v))
' "$1" "$2"
}

# A simple page whose body the extractor cannot miss.
page() {
    cat <<EOF
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>$1</title></head>
<body><nav><a href="/">Home</a></nav>
EOF
    article "$1" "$2"
}

cd "$tmp" || exit 1
page "Good news" alpha >good.html

# ------------------------------------------------------------ basics
"$bin" --version >out 2>err
check "--version exits 0" [ $? -eq 0 ]
check "--version prints 'decant VERSION'" grep -q '^decant [0-9][0-9.]*' out

"$bin" --help >out 2>err
check "--help exits 0" [ $? -eq 0 ]
check "--help prints usage on stdout" grep -q '^Usage: decant' out

"$bin" --no-such-option good.html >out 2>err
check "unknown option exits 2" [ $? -eq 2 ]
check "unknown option: usage on stderr, nothing on stdout" \
    sh -c 'grep -q "^Usage:" err && [ ! -s out ]'

"$bin" good.html -o >out 2>err
check "missing option argument exits 2" [ $? -eq 2 ]

"$bin" -j 0 good.html >out 2>err
check "-j 0 is a usage error" [ $? -eq 2 ]

"$bin" >out 2>err
check "no input at all is a usage error" [ $? -eq 2 ]

"$bin" --url http://example.com/a good.html good.html >out 2>err
check "--url with two inputs exits 2" [ $? -eq 2 ]

# ------------------------------------------------------------ bad pages
mkdir mixed
: >mixed/empty.html
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\020' >mixed/x.html
printf 'Just a line of plain text.\nNo markup here at all.\n' >mixed/plain.htm
cp good.html mixed/good.html
echo 'not a page' >mixed/notes.txt

"$bin" mixed >out 2>err
check "folder with bad pages exits 0" [ $? -eq 0 ]
check "folder gives one record per page (4)" [ "$(wc -l <out)" -eq 4 ]
check "every record is JSON with every field" python3 -c '
import json, sys
keys = ("id source url title authors date_published date_modified site_name "
        "section description image language text related provenance error").split()
for line in open("out", encoding="utf-8"):
    r = json.loads(line)
    missing = [k for k in keys if k not in r]
    if missing:
        sys.exit("missing %s" % missing)
'
field out id >ids
field out error >errors
check "folder pages in sorted path order" same_lines ids empty good plain x
check "empty, binary and text pages have an error, the good one none" python3 -c '
import json, sys
recs = {}
for line in open("out", encoding="utf-8"):
    r = json.loads(line)
    recs[r["id"]] = r
for k in ("empty", "x", "plain"):
    e = recs[k]["error"]
    if not (isinstance(e, dict) and e.get("code") and e.get("message")):
        sys.exit(k)
if recs["good"]["error"] is not None:
    sys.exit("good")
'
check "per-page errors are reported on stderr with the path" \
    grep -q 'mixed/empty.html' err

"$bin" -q mixed >out 2>err
check "--quiet: no per-file messages" [ ! -s err ]

# ------------------------------------------------------------ missing input
"$bin" does-not-exist.html >out 2>err
status=$?
check "nonexistent only input exits 1" [ $status -eq 1 ]
field out error >errors 2>/dev/null
check "nonexistent input still gives an error record" \
    sh -c '[ "$(wc -l <out)" -eq 1 ] && grep -q "cannot read" errors'
check "nonexistent input is named on stderr" grep -q 'does-not-exist.html' err

"$bin" does-not-exist.html good.html >out 2>err
check "one missing input among readable ones exits 1" [ $? -eq 1 ]
check "... after the records of all of them" [ "$(wc -l <out)" -eq 2 ]

# A file that opens but cannot be read: /proc/self/mem fails at offset 0 (EIO).
if [ -r /proc/self/mem ]; then
    "$bin" good.html /proc/self/mem >out 2>err
    check "a file that cannot be read exits 1" [ $? -eq 1 ]
    check "... and gives its error record" sh -c '[ "$(wc -l <out)" -eq 2 ] && grep -q "cannot read" out'
fi

# ------------------------------------------------------------ size suffixes
# A page of exactly 1010 bytes: over 1kB (1000), under 1k (1024).
python3 -c '
import sys
p = open("good.html").read()
pad = 1010 - len(p.encode()) - len("<!---->")
sys.stdout.write(p.replace("<body>", "<body><!--" + "x" * pad + "-->", 1))
' >size.html
check "size.html is 1010 bytes" [ "$(wc -c <size.html)" -eq 1010 ]
"$bin" --max-bytes 1kB size.html >out 2>err
check "--max-bytes 1kB is 1000 bytes (too_large)" grep -q '"code":"too_large"' out
"$bin" --max-bytes 1k size.html >out 2>err
check "--max-bytes 1k is 1024 bytes (extracted)" grep -q '"error":null' out
"$bin" --max-bytes 1KiB size.html >out 2>err
check "--max-bytes 1KiB is 1024 bytes" grep -q '"error":null' out
"$bin" --max-bytes 1009 size.html >out 2>err
check "--max-bytes 1009 (no suffix) is 1009 bytes" grep -q '"code":"too_large"' out
for bad in 1.5M 10x 10kb 10KiBB k -1 "" " 1" 99999999T; do
    "$bin" --max-bytes "$bad" size.html >out 2>err
    check "--max-bytes '$bad' is a usage error" [ $? -eq 2 ]
done

# ------------------------------------------------------------ order
mkdir order order/sub
for name in zulu mike alpha; do page "$name" "$name" >"order/$name.html"; done
page sub sub >order/sub/bravo.html
"$bin" order/mike.html order/zulu.html order/sub/bravo.html order/alpha.html >out 2>err
field out id >ids
check "explicit inputs keep command-line order" same_lines ids mike zulu bravo alpha

"$bin" order >out 2>err
field out id >ids
check "folder is walked recursively in path order" same_lines ids alpha mike bravo zulu

# ------------------------------------------------------------ threads
mkdir many
i=1
while [ $i -le 20 ]; do
    page "Page $i" "number$i" >"many/p$i.html"
    i=$((i + 1))
done
: >many/p7.html
"$bin" -j 1 many >one 2>/dev/null
"$bin" -j 2 many >two 2>/dev/null
"$bin" -j 5 many many >five 2>/dev/null
check "-j 1 gives 20 records" [ "$(wc -l <one)" -eq 20 ]
check "-j 1 and -j 2 give identical output" \
    sh -c '[ "$(wc -l <two)" -eq 20 ] && cmp -s one two'
check "-j 5 over the folder twice repeats -j 1 output twice" \
    sh -c 'cat one one | cmp -s - five'

# ------------------------------------------------------------ stdin, gzip
"$bin" - <good.html >out 2>err
field out id >ids
field out error >errors
check "stdin '-' gives id '-'" same_lines ids -
check "stdin page extracts without error" same_lines errors null

cp good.html story.html
gzip -9 story.html
"$bin" story.html.gz >out 2>err
field out id >ids
field out error >errors
field out text >text
check ".html.gz id drops both suffixes" same_lines ids story
check ".html.gz extracts without error" same_lines errors null
check ".html.gz body has the article text" grep -q zeppelin text

# ------------------------------------------------------------ output
"$bin" -o written.jsonl good.html >out 2>err
field written.jsonl id >ids 2>/dev/null
check "-o FILE writes the record to FILE" same_lines ids good
check "-o FILE leaves stdout empty" [ ! -s out ]

"$bin" --format text good.html >out 2>err
check "--format text prints the body" grep -q zeppelin out
check "--format text prints no JSON" sh -c '! grep -q "^{" out'

"$bin" --format text good.html order/alpha.html >out 2>err
check "--format text names pages when there are several" \
    sh -c 'grep -q "^==> good <==" out && grep -q "^==> alpha <==" out'

"$bin" --format markdown good.html >out 2>err
check "--format markdown prints the body" grep -q zeppelin out

sed 's#</article>#<ul><li>Steel beams</li><li>Labour costs</li></ul></article>#' good.html >listy.html
"$bin" --body markdown listy.html >out 2>err
field out text >text
"$bin" --body html listy.html >out 2>err
field out text >html
check "--body markdown keeps JSONL, its text in Markdown" sh -c 'grep -q zeppelin text && grep -q "^- Steel beams" text'
check "--body html keeps JSONL, its text in HTML" sh -c 'grep -q "<p>.*zeppelin" html && grep -q "<li>Steel beams</li>" html'
"$bin" --body jsonl good.html >out 2>err
check "--body jsonl is a usage error" [ $? -eq 2 ]

"$bin" --format html good.html order/alpha.html >out 2>err
check "--format html prints the body as paragraphs" grep -q '^<p>.*zeppelin.*</p>$' out
check "--format html names pages in comments" \
    sh -c 'grep -q "^<!-- ==> good <== -->" out && grep -q "^<!-- ==> alpha <== -->" out'

# ------------------------------------------------------------ --with-metadata
# Titles and names that YAML must quote or escape to read back unchanged.
mkdir meta
i=0
for title in 'Storm "Ciarán": 3 dead # of 5' "O'Neil's \\back\\slash \\n" \
    '- a list? [1, 2] {x: y} & *ref !tag %pct @at `tick`' 'yes' 'null' '---' '... | > folded' \
    'Line&#10;break&#9;tab&#x2028;sep&#x85;nel' 'Emoji 🎉 and RTL שלום and NBSP&#160;here' \
    '&#xFEFF;bom &#x7F;del' '  padded  ' '0x1F' '~'; do
    i=$((i + 1))
    t=$(printf '%s' "$title" | sed 's/"/\&quot;/g')
    {
        echo "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>x</title>"
        echo "<meta property=\"og:title\" content=\"$t\">"
        echo "<meta property=\"og:site_name\" content=\"Site: &quot;$i&quot;\">"
        echo "<meta name=\"author\" content=\"Ann &quot;Q&quot; Lee: #$i\">"
        echo "<meta property=\"article:published_time\" content=\"2024-06-19T17:05:00+02:00\">"
        echo "<link rel=\"canonical\" href=\"https://example.org/a?b='$i'&amp;c=d\"></head><body>"
        article "Headline $i" "meta$i"
    } >"meta/p$i.html"
done
/usr/bin/python3 "$root/tests/frontmatter_check.py" "$bin" meta >fm-diff 2>&1
check "--with-metadata: YAML front matter and text header equal the JSON record ($i pages)" [ $? -eq 0 ]
[ -s fm-diff ] && head -n 20 fm-diff | sed 's/^/     /'

"$bin" --with-metadata good.html >out 2>err
check "--with-metadata with --format jsonl is a usage error" [ $? -eq 2 ]
"$bin" --format html --with-metadata good.html >out 2>err
check "--with-metadata with --format html is a usage error" [ $? -eq 2 ]
"$bin" --format markdown good.html >out 2>err
check "without --with-metadata, no front matter" sh -c '! head -n 1 out | grep -q "^---"'

# ------------------------------------------------------------ --links, --images
{
    echo '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>L</title>'
    echo '<link rel="canonical" href="https://news.example/a/story.html"></head><body>'
    echo '<article><h1>Linked story</h1><p>The zeppelin <a href="../b/c.html">landed near the quay</a>'
    echo 'early on Tuesday, and <img src="img/z.jpg" alt="the zeppelin"> hundreds of residents'
    echo 'stopped to watch it pass over the harbour, officials said.</p>'
    echo '<p>The crew waved from the gondola as the airship turned towards the hills, where it was'
    echo 'expected to land before noon; tickets for a ride are sold out.</p></article></body></html>'
} >links.html
"$bin" --format markdown --links --images links.html >out 2>err
check "--links: [text](absolute url)" grep -q '\[landed near the quay\](https://news.example/b/c.html)' out
check "--images: ![alt](absolute src) where it stands" \
    grep -q 'and !\[the zeppelin\](https://news.example/a/img/z.jpg) hundreds' out
"$bin" --format markdown links.html >out 2>err
check "without them: text only" sh -c '! grep -q "](" out && grep -q "landed near the quay" out'
"$bin" --links links.html >out 2>err
check "--links without markdown is a usage error" [ $? -eq 2 ]
"$bin" --images --body markdown links.html >out 2>err
check "--images with --body markdown: in the record's text" grep -q '!\[the zeppelin\]' out

# ------------------------------------------------------------ site templates
# Pages each of a site of its own come out of --learn-sites exactly as without.
golden=$root/tests/golden
"$bin" -j 2 --quiet "$golden"/*.html >plain.jsonl 2>/dev/null
"$bin" -j 2 --quiet --learn-sites "$golden"/*.html >learned.jsonl 2>err
check "--learn-sites: pages whose site has no other page are byte-identical" \
    sh -c '[ -s plain.jsonl ] && cmp -s plain.jsonl learned.jsonl'
# A site of several pages: its template goes, and only with --learn-sites.
"$bin" -j 1 --quiet "$golden/en-courier.site" >plain.jsonl 2>/dev/null
"$bin" -j 1 --quiet --learn-sites --site-model model.bin "$golden/en-courier.site" >learned.jsonl 2>err
check "--learn-sites drops the press line and the teaser box a site repeats" \
    sh -c 'grep -q "Readers also opened" plain.jsonl && grep -q "registered with the regional press" plain.jsonl &&
           ! grep -q "Readers also opened" learned.jsonl && ! grep -q "registered with the regional press" learned.jsonl'
check "--site-model FILE saves the learned model" [ -s model.bin ]
"$bin" --quiet --site-model model.bin "$golden/en-courier.site" >reloaded.jsonl 2>err
check "a saved model, loaded, gives the same records" cmp -s learned.jsonl reloaded.jsonl
"$bin" --quiet --site-model missing.bin good.html >out 2>err
status=$?
check "--site-model with a missing file (and no --learn-sites) fails with status 1" \
    sh -c "[ $status -eq 1 ] && grep -q 'missing.bin' err && [ ! -s out ]"
head -c 40 model.bin >truncated.bin
"$bin" --quiet --site-model truncated.bin good.html >out 2>err
status=$?
check "a truncated model file is refused (status 1, a message, no records)" \
    sh -c "[ $status -eq 1 ] && grep -q 'truncated.bin' err && [ ! -s out ]"
printf 'not a model at all' >bogus.bin
"$bin" --quiet --learn-sites --site-model bogus.bin good.html >out 2>err
status=$?
check "a file that is not a model is refused, and not overwritten" \
    sh -c "[ $status -eq 1 ] && grep -q 'not a decant site model' err && grep -q 'not a model at all' bogus.bin"

# ------------------------------------------------------------ man page
sed 's/\\-/-/g' "$manpage" >man.txt 2>/dev/null
# Option by option, argument names and exit statuses: see tests/manpage.py.
/usr/bin/python3 "$root/tests/manpage.py" "$bin" "$manpage" "$root/cli" >man-diff 2>&1
check "docs/decant.1 says what --help says (options, arguments, exit status, version)" [ $? -eq 0 ]
[ -s man-diff ] && sed 's/^/     /' man-diff

"$bin" good.html >out 2>/dev/null
keys=$(python3 -c '
import json
print(" ".join(json.loads(open("out", encoding="utf-8").readline())))
')
undocumented=""
for key in $keys; do
    grep -q -e "^\\.B $key\$" -e "^\\.BR $key " man.txt || undocumented="$undocumented $key"
done
ok=0
[ -n "$keys" ] && [ -z "$undocumented" ] && ok=1
check "docs/decant.1 documents every record field${undocumented:+ (missing:$undocumented)}" [ $ok -eq 1 ]

summary cli
