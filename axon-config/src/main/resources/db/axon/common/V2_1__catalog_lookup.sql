-- The command side's own small projection of Product events: what an order is priced with (DESIGN §3).
-- Versioned here with the rest of the command node's SQL schema, so every node shares one migration history.
CREATE TABLE catalog_lookup (
    sku            VARCHAR(64)  NOT NULL,
    name           VARCHAR(200) NOT NULL,
    price_amount   BIGINT       NOT NULL,
    price_currency CHAR(3)      NOT NULL,
    discontinued   BOOLEAN      NOT NULL,
    last_sequence  BIGINT       NOT NULL,
    PRIMARY KEY (sku)
);
