-- Version 1 of the gateway's shared state: keys and admin changes to them, a revision every replica polls,
-- the usage ledger and the budget counters (settled usage and open reservations per scope and period).
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  tenant TEXT NOT NULL,
  allowed_models TEXT NOT NULL,
  rpm BIGINT NOT NULL,
  tpm BIGINT NOT NULL,
  concurrent INTEGER NOT NULL,
  token_budget BIGINT NOT NULL,
  cost_budget DOUBLE PRECISION NOT NULL,
  budget_period_s BIGINT NOT NULL,
  created_ms BIGINT NOT NULL,
  revoked BOOLEAN NOT NULL,
  source TEXT NOT NULL,
  declaration TEXT
);

CREATE TABLE key_revision (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision BIGINT NOT NULL
);
INSERT INTO key_revision VALUES (1, 0);

CREATE TABLE usage (
  at_ms BIGINT NOT NULL,
  tenant TEXT NOT NULL,
  key_id TEXT NOT NULL,
  model TEXT NOT NULL,
  upstream_model TEXT,
  backend TEXT,
  operation TEXT NOT NULL,
  status INTEGER NOT NULL,
  input_tokens BIGINT NOT NULL,
  cached_input_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  cost_usd DOUBLE PRECISION NOT NULL,
  duration_ms BIGINT NOT NULL
);
CREATE INDEX usage_tenant_time ON usage (tenant, at_ms);
CREATE INDEX usage_key_time ON usage (key_id, at_ms);

CREATE TABLE budget_counters (
  scope TEXT NOT NULL,
  period_start BIGINT NOT NULL,
  used_tokens BIGINT NOT NULL DEFAULT 0,
  used_cost DOUBLE PRECISION NOT NULL DEFAULT 0,
  reserved_tokens BIGINT NOT NULL DEFAULT 0,
  reserved_cost DOUBLE PRECISION NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, period_start)
);
