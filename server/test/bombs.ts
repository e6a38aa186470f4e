/**
 * Decompression bombs and other hostile office files, generated (never stored): a small zip writer
 * with real deflate and CRC-32, and the documents/sheets built with it. Used by the bomb tests and
 * bench/bombs.ts.
 */
import zlib from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(buf: Buffer) {
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A zip of `files` (deflated). `claim` overrides the declared uncompressed size of named entries (a lying zip). */
export function zip(files: Record<string, string | Buffer>, claim: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = zlib.deflateRawSync(data, { level: data.length > 4e6 ? 1 : 6 });
    const nameBuf = Buffer.from(name, 'utf8');
    const size = claim[name] ?? data.length;
    // Readers here do not check CRCs; computing one over hundreds of MB in JS takes seconds.
    const crc = data.length > 4e6 ? 0 : crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, packed);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(nameBuf.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A .docx whose word/document.xml has `body` inside <w:body>. */
export function docx(body: string | Buffer, claim?: number): Buffer {
  const xml = Buffer.isBuffer(body)
    ? Buffer.concat([
        Buffer.from(`<?xml version="1.0"?><w:document ${W}><w:body>`),
        body,
        Buffer.from('</w:body></w:document>'),
      ])
    : `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
  return zip(
    {
      '[Content_Types].xml':
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      '_rels/.rels':
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      'word/document.xml': xml,
    },
    claim === undefined ? {} : { 'word/document.xml': claim },
  );
}

export const paragraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

const HANZI =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车';
/** Pseudo-random Chinese text (seeded): compresses like real prose, not like a repeated phrase. */
export function randomText(chars: number, seed = 1) {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < chars; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += (i + 1) % 40 === 0 ? '。' : HANZI[(x >>> 0) % HANZI.length];
  }
  return out;
}
/** A plausible document: `paragraphs` paragraphs of `chars` characters each. */
export const proseDocx = (paragraphs: number, chars: number) =>
  docx(Array.from({ length: paragraphs }, (_, i) => paragraph(randomText(chars, i + 1))).join(''));

/** The bomb: millions of empty paragraphs (7 million ≈ 42 MB of XML in ≈ 0.7 MB). */
export const manyParagraphs = (n = 7_000_000) => docx(Buffer.from('<w:p/>'.repeat(n)));
/** One run holding `chars` characters (300 MB of text in a few hundred KB). */
export const hugeRun = (chars: number) => docx(Buffer.from(`<w:p><w:r><w:t>${'落'.repeat(chars)}</w:t></w:r></w:p>`));
/** Content controls nested `depth` deep around one paragraph (ids vary, as Word writes them). */
export const deepNesting = (depth: number) =>
  docx(
    `${Array.from({ length: depth }, (_, i) => `<w:sdt><w:sdtPr><w:id w:val="${(i * 2654435761) % 2147483647}"/></w:sdtPr><w:sdtContent>`).join('')}${paragraph('深')}${'</w:sdtContent></w:sdt>'.repeat(depth)}`,
  );
/** The many-paragraphs bomb whose directory claims a harmless size (the inflating must count). */
export const lyingParagraphs = (n = 7_000_000) => docx(Buffer.from('<w:p/>'.repeat(n)), 10_000);

/** An .xlsx whose one string cell is `sharedString` (huge shared strings). */
export function xlsxWithSharedString(sharedString: string | Buffer, claim?: number): Buffer {
  const ss = Buffer.isBuffer(sharedString) ? sharedString : Buffer.from(sharedString, 'utf8');
  const sharedXml = Buffer.concat([
    Buffer.from(
      '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
    ),
    ss,
    Buffer.from('</t></si></sst>'),
  ]);
  const main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  return zip(
    {
      '[Content_Types].xml':
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      '_rels/.rels':
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      'xl/workbook.xml': `<?xml version="1.0"?><workbook ${main} ${rel}><sheets><sheet name="党员" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels':
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      'xl/sharedStrings.xml': sharedXml,
      'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet ${main}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
    },
    claim === undefined ? {} : { 'xl/sharedStrings.xml': claim },
  );
}
