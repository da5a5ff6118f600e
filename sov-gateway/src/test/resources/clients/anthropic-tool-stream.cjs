// Streams a message with a tool call through the gateway's /v1/messages with the official
// npm `@anthropic-ai/sdk`. Env: SOV_NPM, BASE_URL (gateway root), API_KEY. Prints one JSON line.
const path = require('path');
const sdk = require(path.join(process.env.SOV_NPM, '@anthropic-ai/sdk'));
const Anthropic = sdk.default || sdk.Anthropic || sdk;

async function main() {
  const client = new Anthropic({ baseURL: process.env.BASE_URL, apiKey: process.env.API_KEY, maxRetries: 0 });
  const events = [];
  const stream = client.messages.stream({
    model: 'qwen',
    max_tokens: 64,
    tools: [{
      name: 'get_weather',
      description: 'Current weather of a city',
      input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    }],
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
  });
  stream.on('streamEvent', (event) => events.push(event.type));
  const message = await stream.finalMessage();
  const count = await client.messages.countTokens({ model: 'qwen', messages: [{ role: 'user', content: 'hi' }] });
  console.log(JSON.stringify({ stop_reason: message.stop_reason, content: message.content, usage: message.usage, events,
    counted: count.input_tokens }));
}

main().catch((e) => {
  console.error(e.status || '', e.message);
  process.exit(1);
});
