/**
 * A small, valid, one-page PDF of plain text lines, written byte by byte so demo content and
 * tests need no PDF library. Lines must be plain ASCII without brackets or backslashes.
 */
export function textPdf(lines: string[], catalogueExtra = ''): Buffer {
  const text = lines.map((line, index) => `${index === 0 ? '' : '0 -24 Td '}(${line}) Tj`).join(' ')
  const stream = `BT /F1 14 Tf 72 720 Td ${text} ET`
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R ${catalogueExtra}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(body.length)
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}
