// Renders chat templates with @huggingface/jinja, the renderer transformers.js uses, as the oracle of
// RealTemplateReferenceTest. Reads [{name, template, messages, tools, add_generation_prompt, context}] as JSON on
// stdin; writes {name: rendered text, or {"error": message}} as JSON on stdout. SOV_NPM is tools/npm/node_modules.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.env.SOV_NPM, "index.js"));
const { Template } = require("@huggingface/jinja");

let input = "";
for await (const chunk of process.stdin) {
  input += chunk;
}
const out = {};
for (const c of JSON.parse(input)) {
  try {
    const context = { ...c.context, messages: c.messages, add_generation_prompt: c.add_generation_prompt };
    if (c.tools && c.tools.length > 0) {
      context.tools = c.tools;
    }
    out[c.name] = new Template(c.template).render(context);
  } catch (e) {
    out[c.name] = { error: String(e.message ?? e) };
  }
}
process.stdout.write(JSON.stringify(out));
