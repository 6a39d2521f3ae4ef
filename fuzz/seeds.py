"""Seed corpora for the importer fuzz targets, built from the shared sample reports.

Usage (from fuzz/): python3 seeds.py corpus
Writes corpus/{text,html,docx,xlsx,pdf}: each sample text as UTF-8 and GB18030, and as HTML,
DOCX (deflated and stored, plus the bare document.xml) and XLSX (deflated and stored, plus a bare
worksheet XML) built from its paragraphs and table rows; the sample PDFs and two small hand-made
ones.
"""
import glob, html, io, os, re, sys, zipfile, zlib

root = sys.argv[1]  # fuzz/corpus
texts = sorted(glob.glob('/work/shared/seeds/*.txt') + glob.glob('/work/shared/samples/*.txt')
               + glob.glob('/work/shared/samples/*.md'))
pdfs = sorted(glob.glob('/work/shared/samples/*.pdf'))

def out(target, name, data):
    d = os.path.join(root, target); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode('utf-8'))

def rows_of(text):
    """Paragraphs and table rows: a line with 3+ whitespace/| separated cells is a row."""
    blocks = []  # ('p', str) | ('t', [[cells]])
    cell_row = None  # "one cell per tab-indented line, blank line ends the row" layouts
    def flush(row):
        if len(row) >= 2:
            if blocks and blocks[-1][0] == 't':
                blocks[-1][1].append(row)
            else:
                blocks.append(('t', [row]))
        elif row:
            blocks.append(('p', row[0]))
    for line in text.splitlines():
        s = line.strip()
        if line.startswith('\t'):
            cell_row = (cell_row or []) + [s]
            continue
        if cell_row is not None:
            flush(cell_row); cell_row = None
        if not s:
            continue
        cells = [c for c in re.split(r'\s*\|\s*|\s{2,}|\t', s.strip('|')) if c]
        if len(cells) >= 3 and not set(s) <= set('|-: '):
            if blocks and blocks[-1][0] == 't':
                blocks[-1][1].append(cells)
            else:
                blocks.append(('t', [cells]))
        elif set(s) <= set('|-: '):
            continue
        else:
            blocks.append(('p', s))
    if cell_row is not None:
        flush(cell_row)
    return blocks

def to_html(blocks):
    parts = ['<html><head><meta charset="utf-8"></head><body>']
    for k, v in blocks:
        if k == 'p':
            parts.append('<p>%s</p>' % html.escape(v))
        else:
            parts.append('<table>')
            for i, r in enumerate(v):
                tds = ''.join(('<td colspan=2>%s</td>' if (i == 0 and j == 0) else '<td>&nbsp;%s</td>') % html.escape(c) for j, c in enumerate(r))
                parts.append('<tr>%s</tr>' % tds)
            parts.append('</table>')
    parts.append('</body></html>')
    return '\n'.join(parts)

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
def wpara(t):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % html.escape(t, quote=False)

def to_docx_xml(blocks):
    body = []
    for k, v in blocks:
        if k == 'p':
            body.append(wpara(v))
        else:
            body.append('<w:tbl>')
            for i, r in enumerate(v):
                tcs = []
                for j, c in enumerate(r):
                    pr = ''
                    if j == 0 and i % 3 == 0:
                        pr = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
                    elif j == 1 and i == 0:
                        pr = '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>'
                    tcs.append('<w:tc>%s%s</w:tc>' % (pr, wpara(c)))
                body.append('<w:tr>%s</w:tr>' % ''.join(tcs))
            body.append('</w:tbl>')
    return '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, ''.join(body))

def zipped(files, deflate=True):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED) as z:
        for n, d in files:
            z.writestr(n, d)
    return buf.getvalue()

def to_docx(blocks, deflate):
    ct = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    return zipped([('[Content_Types].xml', ct), ('_rels/.rels', rels), ('word/document.xml', to_docx_xml(blocks))], deflate)

S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
def col(n):
    s = ''
    n += 1
    while n:
        n, r = divmod(n - 1, 26); s = chr(65 + r) + s
    return s

def sheet_xml(rows, merges=True):
    out_rows = []
    for i, r in enumerate(rows):
        cs = []
        for j, c in enumerate(r):
            ref = '%s%d' % (col(j), i + 1)
            if re.fullmatch(r'-?\d+(\.\d+)?', c):
                cs.append('<c r="%s"><v>%s</v></c>' % (ref, c))
            else:
                cs.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, html.escape(c, quote=False)))
        out_rows.append('<row r="%d">%s</row>' % (i + 1, ''.join(cs)))
    mc = ''
    if merges and len(rows) > 2:
        mc = '<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A2:A3"/></mergeCells>'
    return '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>%s</sheetData>%s</worksheet>' % (S, ''.join(out_rows), mc)

def to_xlsx(blocks, deflate):
    tables = [v for k, v in blocks if k == 't']
    narrative = [[v] for k, v in blocks if k == 'p']
    sheets = [sheet_xml(t) for t in tables] + [sheet_xml(narrative, merges=False)]
    names = ['表%d' % (i + 1) for i in range(len(tables))] + ['报告正文']
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          + ''.join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(len(sheets))) + '</Types>')
    rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' % S
          + ''.join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1) for i, n in enumerate(names)) + '</sheets></workbook>')
    wrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             + ''.join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(len(sheets))) + '</Relationships>')
    files = [('[Content_Types].xml', ct), ('_rels/.rels', rels), ('xl/workbook.xml', wb), ('xl/_rels/workbook.xml.rels', wrels)]
    files += [('xl/worksheets/sheet%d.xml' % (i + 1), s) for i, s in enumerate(sheets)]
    return zipped(files, deflate), sheets

def pdf(lines, flate):
    ops = ['BT /F1 10 Tf']
    y = 800
    for row in lines:
        x = 50
        for cell in row:
            ops.append('1 0 0 1 %d %d Tm (%s) Tj' % (x, y, cell.replace('(', r'\(').replace(')', r'\)')))
            x += 70
        y -= 14
    ops.append('ET')
    content = '\n'.join(ops).encode()
    extra = b''
    if flate:
        content = zlib.compress(content); extra = b' /Filter /FlateDecode'
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
            b'<< /Length %d%s >>\nstream\n' % (len(content), extra) + content + b'\nendstream',
            b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>']
    out = b'%PDF-1.4\n'
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out)); out += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    out += b''.join(b'%010d 00000 n \n' % o for o in offs)
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
    return out

# Small hand-made PDFs (Helvetica text in rows and columns): short pdf seeds mutate fast.
rows = [['2023 Annual Report'], ['III. Applications'], ['', 'A', 'B', 'C', 'D', 'E', 'F', 'Total']]
rows += [['row %d' % i] + [str((i * j) % 7) for j in range(7)] for i in range(12)]
rows += [['IV. Review'], [str(n) for n in [0, 0, 1, 2, 3, 0, 0, 4, 1, 2, 2, 9]]]
out('pdf', 'mini-plain.pdf', pdf(rows, False))
out('pdf', 'mini-flate.pdf', pdf(rows, True))

for path in texts:
    base = os.path.splitext(os.path.basename(path))[0]
    raw = open(path, 'rb').read()
    text = raw.decode('utf-8', 'replace')
    out('text', base + '.txt', raw)
    out('text', base + '.gb18030.txt', text.encode('gb18030', 'replace'))
    blocks = rows_of(text)
    out('html', base + '.html', to_html(blocks))
    out('docx', base + '.docx', to_docx(blocks, True))
    out('docx', base + '.stored.docx', to_docx(blocks, False))
    out('docx', base + '.document.xml', to_docx_xml(blocks))
    book, sheets = to_xlsx(blocks, True)
    out('xlsx', base + '.xlsx', book)
    out('xlsx', base + '.stored.xlsx', to_xlsx(blocks, False)[0])
    tables = [s for s in sheets[:-1]]
    if tables:
        out('xlsx', base + '.sheet.xml', max(tables, key=len))
for p in pdfs:
    out('pdf', os.path.basename(p), open(p, 'rb').read())
