import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { encodePgm, parsePgm } from "../../src/data/pgm.js";

const cameraBytes = readFileSync(new URL("../../data/camera.pgm", import.meta.url));

describe("PGM", () => {
  test("the shipped camera image is intact and decodes to 512×512 in [0, 1]", () => {
    const sha = createHash("sha256").update(cameraBytes).digest("hex");
    expect(sha).toBe("4b96b14e4109a9658060595334308437b37f9e50b041b8470325062df7bbb6e0");
    const image = parsePgm(new Uint8Array(cameraBytes));
    expect(image).toMatchObject({ rows: 512, cols: 512 });
    expect(image.data[0]).toBe(cameraBytes[15] / 255); // header "P5\n512 512\n255\n" is 15 bytes
    expect(image.data.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  test("encode then parse is the identity on 8-bit images, comments and 16-bit samples parse", () => {
    const image = parsePgm(new Uint8Array(cameraBytes));
    expect(encodePgm(image)).toEqual(new Uint8Array(cameraBytes));
    const sixteen = new Uint8Array([...new TextEncoder().encode("P5 # two pixels\n2 1\n65535\n"), 0xff, 0xff, 0x80, 0x00]);
    expect(Array.from(parsePgm(sixteen).data)).toEqual([1, 0x8000 / 65535]);
  });

  test("bad files get clear errors", () => {
    expect(() => parsePgm(new TextEncoder().encode("P2\n1 1\n255\n0"))).toThrow(/missing the P5 magic/);
    expect(() => parsePgm(new TextEncoder().encode("P5\n4 4\n255\n\x00"))).toThrow(/PGM truncated: 1 sample bytes, expected 16/);
    expect(() => parsePgm("P5" as never)).toThrow(TypeError);
  });
});
