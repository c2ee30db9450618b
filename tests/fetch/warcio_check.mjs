// Reads a WARC with webrecorder's warcio.js, a reader decant had no hand in,
// and prints what it found as JSON: every record's type, target URI and
// HTTP status, in file order.  Any parse error throws: exit status 1.
//
//   node tests/fetch/warcio_check.mjs NODE_MODULES_DIR FILE.warc.gz
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const [modules, file] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), "noop.js"));
const { WARCParser } = require("warcio");

const records = [];
const parser = new WARCParser(fs.createReadStream(file));
for await (const record of parser) {
  const body = await record.readFully(true); // decoded HTTP payload
  records.push({
    type: record.warcType,
    id: record.warcHeader("WARC-Record-ID"),
    uri: record.warcTargetURI || null,
    status: record.httpHeaders ? Number(record.httpHeaders.statusCode) : null,
    content_type: record.httpHeaders ? record.httpHeaders.headers.get("Content-Type") : null,
    length: Number(record.warcContentLength),
    payload: body ? body.length : 0,
  });
}
process.stdout.write(JSON.stringify(records) + "\n");
