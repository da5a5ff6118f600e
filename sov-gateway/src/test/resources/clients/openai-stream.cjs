// Streams a chat completion through the gateway with the official npm `openai` SDK (v4).
// Env: SOV_NPM (node_modules folder), BASE_URL (gateway root), API_KEY. Prints one JSON line.
const path = require('path');
const OpenAI = require(path.join(process.env.SOV_NPM, 'openai'));

async function main() {
  const client = new OpenAI({ baseURL: process.env.BASE_URL + '/v1', apiKey: process.env.API_KEY, maxRetries: 0 });
  const stream = await client.chat.completions.create({
    model: 'qwen',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'hello from node' }],
  });
  let text = '';
  let usage = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    const delta = chunk.choices[0] && chunk.choices[0].delta;
    if (delta && delta.content) text += delta.content;
    if (chunk.usage) usage = chunk.usage;
  }
  const models = await client.models.list();
  console.log(JSON.stringify({ text, usage, chunks, models: models.data.map((m) => m.id) }));
}

main().catch((e) => {
  console.error(e.status || '', e.message);
  process.exit(1);
});
