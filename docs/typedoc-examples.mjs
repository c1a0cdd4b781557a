// A TypeDoc plugin: the example of an exported function may live in docs/examples/<name>.mjs
// instead of an @example tag in its doc comment (so the examples are files the tests run and
// src/ stays lean). Each file becomes the function's @example in the API reference; a function
// whose comment already has an @example keeps it, and a file naming no exported function is an
// error. test/docs/examples.test.ts runs every example, inline or file.
import { readdirSync, readFileSync } from "node:fs";
import { Comment, CommentTag, Converter, ReflectionKind } from "typedoc";

const folder = new URL("./examples/", import.meta.url);

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".mjs")).sort()) {
      const name = file.slice(0, -".mjs".length);
      const reflection = context.project.getChildByName(name);
      if (reflection === undefined || !reflection.kindOf(ReflectionKind.Function)) {
        throw new Error(`docs/examples/${file}: ${name} is not an exported function of benign`);
      }
      const signature = reflection.signatures[0];
      signature.comment ??= new Comment();
      if (signature.comment.blockTags.some((tag) => tag.tag === "@example")) continue;
      const code = readFileSync(new URL(file, folder), "utf8").trimEnd();
      signature.comment.blockTags.push(new CommentTag("@example", [{ kind: "code", text: "```js\n" + code + "\n```" }]));
    }
  });
}
