-- A store's tables as a Brazilian ERP keeps them (names in Portuguese), for the sidecar's
-- `source` and the demo: clientes (customers), titulos (receivables), pedidos (orders).
-- Money is numeric, dates are date: credit-block reads both as text (::text), never as float.
CREATE TABLE IF NOT EXISTS clientes (
  cpf          text PRIMARY KEY,          -- the POS sends this as customerId
  nome         text NOT NULL,
  limite       numeric(14, 2),            -- NULL: no credit limit configured
  classe_risco text
);

CREATE TABLE IF NOT EXISTS titulos (
  id         text PRIMARY KEY,            -- número do título / parcela
  cpf        text NOT NULL REFERENCES clientes (cpf),
  valor      numeric(14, 2) NOT NULL,     -- face value
  saldo      numeric(14, 2),              -- open balance; NULL means the whole valor
  emissao    date,
  vencimento date NOT NULL,
  pagamento  date,
  situacao   text NOT NULL DEFAULT 'open' -- open, paid, disputed, renegotiated, written_off
             CHECK (situacao IN ('open', 'paid', 'disputed', 'renegotiated', 'written_off')),
  forma      text                         -- how the sale was paid: store_credit, boleto, cheque...
);
CREATE INDEX IF NOT EXISTS titulos_cpf ON titulos (cpf);

CREATE TABLE IF NOT EXISTS pedidos (
  id       text PRIMARY KEY,
  cpf      text NOT NULL REFERENCES clientes (cpf),
  valor    numeric(14, 2) NOT NULL,
  liberado boolean NOT NULL DEFAULT false  -- released by credit, not yet invoiced
);
