"""Reference outputs of Hugging Face `tokenizers` and transformers' chat-template renderer.

Run on a machine with transformers (the GPU machine has it; no GPU is used):
    python3 tokenizers_and_templates.py INPUTS TEMPLATES OUT.json [--transformers-tokenizers]
INPUTS is written by the test class dev.sovereign.engine.tokenizer.HuggingFaceReferenceInputs
(tokenizer.json directories and corpus.json); TEMPLATES is sov-engine/src/test/resources/templates
(the *.jinja files and cases.json). OUT.json is committed as
sov-engine/src/test/resources/hf-reference/expected.json and checked by HuggingFaceReferenceTest.

The real vocabularies of tools/npm (issue 20): INPUTS and TEMPLATES are written by the test classes
dev.sovereign.engine.tokenizer.RealVocabularyReferenceInputs and dev.sovereign.engine.template.RealTemplateCases;
run with --transformers-tokenizers (transformers' AutoTokenizer ids with special tokens too); OUT.json is committed
as sov-engine/src/test/resources/real-vocabularies/expected.json (RealVocabularyReferenceTest,
RealTemplateReferenceTest).
"""
import json
import pathlib
import sys

import tokenizers
import transformers
from transformers.utils import chat_template_utils


def render(template, case):
    kwargs = dict(case["extra"])
    fn = getattr(chat_template_utils, "render_jinja_template", None)
    if fn is not None:
        rendered, _ = fn(conversations=[case["messages"]], tools=case["tools"], chat_template=template,
                         add_generation_prompt=case["add_generation_prompt"], **kwargs)
        return rendered[0]
    compiled = chat_template_utils._compile_jinja_template(template)
    return compiled.render(messages=case["messages"], tools=case["tools"],
                           add_generation_prompt=case["add_generation_prompt"], **kwargs)


def main(inputs, templates, out, with_transformers=False):
    inputs, templates = pathlib.Path(inputs), pathlib.Path(templates)
    corpus = json.loads((inputs / "corpus.json").read_text(encoding="utf-8"))
    result = {"versions": {"tokenizers": tokenizers.__version__, "transformers": transformers.__version__},
              "tokenizers": {}, "renders": {}}
    for directory in sorted(p for p in inputs.iterdir() if (p / "tokenizer.json").is_file()):
        tok = tokenizers.Tokenizer.from_file(str(directory / "tokenizer.json"))
        plain = [tok.encode(text, add_special_tokens=False).ids for text in corpus]
        entry = {
            "tokens": plain,
            "tokens_with_special": [tok.encode(text, add_special_tokens=True).ids for text in corpus],
            "decoded": [tok.decode(ids, skip_special_tokens=False) for ids in plain],
        }
        if with_transformers and (directory / "tokenizer_config.json").is_file():
            # what transformers (and so vLLM) adds around a prompt: it honours tokenizer_config.json's
            # add_bos_token, which a tokenizer.json post-processor may not carry
            try:
                auto = transformers.AutoTokenizer.from_pretrained(str(directory))
                entry["transformers_tokens_with_special"] = [auto(text)["input_ids"] for text in corpus]
            except Exception as e:
                entry["transformers_error"] = repr(e)
        result["tokenizers"][directory.name] = entry
    for case in json.loads((templates / "cases.json").read_text(encoding="utf-8")):
        template = (templates / case["template"]).read_text(encoding="utf-8").rstrip()
        try:
            result["renders"][case["name"]] = render(template, case)
        except Exception as e:  # a template that raises is part of the reference too
            result["renders"][case["name"]] = {"error": str(e)}
    pathlib.Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:4], with_transformers="--transformers-tokenizers" in sys.argv[4:])
