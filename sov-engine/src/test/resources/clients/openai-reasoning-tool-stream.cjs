// Streams a chat with a tool from the engine with the official npm `openai` SDK (v4), as an agent would, and prints
// what it put together as one JSON line: reasoning_content (a vLLM field the SDK passes through), the tool call
// assembled from its deltas, and how many deltas carried arguments.
// Env: SOV_NPM (node_modules folder), BASE_URL (engine root), MODEL.
const path = require('path');
const OpenAI = require(path.join(process.env.SOV_NPM, 'openai'));

async function main() {
  const client = new OpenAI({ baseURL: process.env.BASE_URL + '/v1', apiKey: 'unused', maxRetries: 0 });
  const stream = await client.chat.completions.create({
    model: process.env.MODEL,
    stream: true,
    temperature: 0,
    messages: [{ role: 'user', content: 'Weather in Paris?' }],
    tools: [{
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'The weather in a city.',
        parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } } },
      },
    }],
  });
  let reasoning = '';
  let content = '';
  let argumentDeltas = 0;
  let finish = null;
  const calls = [];
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    const delta = choice.delta || {};
    if (delta.reasoning_content) reasoning += delta.reasoning_content;
    if (delta.content) content += delta.content;
    for (const call of delta.tool_calls || []) {
      const slot = (calls[call.index] = calls[call.index] || { id: null, name: '', arguments: '' });
      if (call.id) slot.id = call.id;
      if (call.function && call.function.name) slot.name += call.function.name;
      if (call.function && call.function.arguments) {
        slot.arguments += call.function.arguments;
        argumentDeltas++;
      }
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  console.log(JSON.stringify({ reasoning, content, calls, argumentDeltas, finish }));
}

main().catch((e) => {
  console.error(e.status || '', e.message);
  process.exit(1);
});
