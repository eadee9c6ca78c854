import { describe, expect, it } from 'vitest'
import { checkFile, cleanName, downloadName, sniff } from './formats'

const bytes = (...parts: (number[] | string)[]) => {
  const out: number[] = []
  for (const p of parts)
    out.push(...(typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p))
  return new Uint8Array([...out, ...new Array(32).fill(0)])
}
const ftyp = (brand: string) => bytes([0, 0, 0, 0x18], 'ftyp', brand, [0, 0, 0, 0])

describe('sniff', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif')],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['gif', bytes('GIF89a')],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['wav', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['heic', ftyp('heic')],
    ['mov', ftyp('qt  ')],
    ['m4a', ftyp('M4A ')],
    ['3gp', ftyp('3gp4')],
    ['mp4', ftyp('isom')],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3])],
    ['ogg', bytes('OggS')],
    ['amr', bytes('#!AMR\n')],
    ['pdf', bytes('%PDF-1.7')],
    ['mp3', bytes('ID3', [4, 0])],
    ['mp3', bytes([0xff, 0xfb, 0x90, 0x64])],
    ['aac', bytes([0xff, 0xf1, 0x50, 0x80])],
  ])('recognises %s by its first bytes', (format, data) => {
    expect(sniff(data)).toBe(format)
  })

  it.each([
    ['a Windows executable', bytes('MZ', [0x90, 0])],
    ['an ELF binary', bytes([0x7f], 'ELF')],
    ['a zip (or an Office document)', bytes('PK', [3, 4])],
    ['an HTML page', bytes('<!DOCTYPE html><script>')],
    ['an SVG (script can hide in it)', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['plain text', bytes('hello, this is a note')],
  ])('refuses %s whatever it is called', (_, data) => {
    expect(sniff(data)).toBeNull()
  })
})

describe('checkFile', () => {
  const jpeg = (size: number) => {
    const b = new Uint8Array(size)
    b.set([0xff, 0xd8, 0xff, 0xe0])
    return b
  }
  it('takes a listed format up to the limit, inclusive', () => {
    expect(checkFile(jpeg(1000), 1000)).toEqual({ ok: true, format: 'jpeg' })
    expect(checkFile(jpeg(1001), 1000)).toEqual({ ok: false, problem: 'too_large' })
  })
  it('names an empty file and an unlisted format', () => {
    expect(checkFile(new Uint8Array(0), 1000)).toEqual({ ok: false, problem: 'empty' })
    expect(checkFile(bytes('MZ'), 1000)).toEqual({ ok: false, problem: 'unsupported' })
  })
})

describe('cleanName', () => {
  it('never cuts inside a character and mends broken UTF-16', () => {
    expect(cleanName('📦📦📦', 2)).toBe('📦📦')
    expect(encodeURIComponent(cleanName('photo\uD83D.jpg', 50))).toBe(
      encodeURIComponent('photo\uFFFD.jpg')
    )
  })
})

describe('downloadName', () => {
  it('keeps the stem, drops paths and quotes, and uses the proven extension', () => {
    expect(downloadName('C:\\Users\\ada\\receipt.exe', 'jpeg', 'F-1')).toBe('receipt.jpg')
    expect(downloadName('../../etc/"passwd"', 'pdf', 'F-1')).toBe('passwd.pdf')
    expect(downloadName(null, 'png', 'F-1')).toBe('F-1.png')
    expect(downloadName('退货照片.HEIC', 'heic', 'F-1')).toBe('退货照片.heic')
  })
})
