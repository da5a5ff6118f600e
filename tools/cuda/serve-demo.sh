#!/usr/bin/env bash
# On the GPU machine (on-device.sh's serve stage): `sov engine --device cuda` and `sov serve` with an InferenceService
# whose spec.engine.device is cuda, each answering a chat request sent with curl (through the gateway for sov serve),
# then `sov status`. The model is the repository's sov-tiny (Qwen2-shaped, bf16), so the answer can be read.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source tools/cuda/env.sh || { echo "FATAL: $SOV_CUDA_ENV_ERROR"; exit 1; }
model=models/sov-tiny port=8011 gw=8012 key=sk-device-demo
data=$(mktemp -d)
pids=()
# timeout(1) stops this script with TERM: the servers must not outlive it holding the GPU and the ports
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"' EXIT
trap 'exit 143' TERM

ask() { # URL MODEL [KEY]
  local body='{"model":"'$2'","messages":[{"role":"user","content":"What is 12 + 30?"}],"max_tokens":16,"temperature":0}'
  echo "\$ curl -s $1/v1/chat/completions ${3:+-H 'Authorization: Bearer ...' }-d '$body'"
  local answer
  answer=$(curl -s "$1/v1/chat/completions" ${3:+-H "Authorization: Bearer $3"} -H 'Content-Type: application/json' -d "$body")
  echo "$answer"
  [[ $answer == *'"choices"'* ]] || failed+=("$1")
}
failed=()

echo "## sov engine --device cuda"
echo "\$ sov engine --model $model --device cuda --port $port --served-model-name sov-tiny --max-model-len 2048"
"${java[@]}" dev.sovereign.cli.Main engine --model "$model" --device cuda --port $port --served-model-name sov-tiny \
    --max-model-len 2048 > "$data/engine.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || break # it failed to start: its log says why
  sleep 1
done
grep -vE '^WARNING' "$data/engine.log"
ask "http://127.0.0.1:$port" sov-tiny
echo "\$ curl -s http://127.0.0.1:$port/metrics | grep -E '^(sov_engine_device_info|vllm:cache_config_info)'"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^(sov_engine_device_info|vllm:cache_config_info)'
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null

echo; echo "## sov serve: an InferenceService with spec.engine.device: cuda, through the gateway"
mkdir -p "$data/models" "$data/data"
cat > "$data/models/sov-tiny-gpu.yaml" <<YAML
apiVersion: sovereign.dev/v1alpha1
kind: InferenceService
metadata:
  name: sov-tiny-gpu
spec:
  model:
    repository: file:$PWD/$model
    contextWindow: 2048
    maxNumSeqs: 64
  engine:
    kind: embedded
    device: cuda
YAML
printf 'apiVersion: sovereign.dev/v1alpha1\nkind: PlatformConfig\nrouter: {enabled: false}\n' > "$data/sov.yaml"
sed "s|$PWD/||" "$data/models/sov-tiny-gpu.yaml"
echo "\$ sov serve --models DIR --config sov.yaml --port $gw --api-key demo=..."
SOV_DATA_DIR=$data/data "${java[@]}" dev.sovereign.cli.Main serve --models "$data/models" --config "$data/sov.yaml" \
    --port $gw --api-key "demo=$key" > "$data/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 90); do
  curl -sf -H "Authorization: Bearer $key" "http://127.0.0.1:$gw/v1/models" 2>/dev/null | grep -q sov-tiny-gpu && break
  kill -0 "${pids[1]}" 2>/dev/null || break
  grep -q -- '--device cuda:' "$data/serve.log" && break # the replica failed to start; status shows the error
  sleep 1
done
ask "http://127.0.0.1:$gw" sov-tiny-gpu "$key"
echo "\$ sov status --url http://127.0.0.1:$gw"
"${java[@]}" dev.sovereign.cli.Main status --url "http://127.0.0.1:$gw" --api-key "$key"
kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null
echo "--- sov serve's log (last 30 lines)"
grep -vE '^WARNING' "$data/serve.log" | tail -30
if (( ${#failed[@]} )); then
  echo "FAILED: no answer from ${failed[*]}"
  exit 1
fi
echo "both answered"
