-- Migration planned by ergen. Apply with: psql -v ON_ERROR_STOP=1 -f FILE
SET client_encoding = 'UTF8';

-- tables: make users.name optional (shopflow_v2.er:6:3)
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;
COMMIT;

-- tables: add column users.phone (shopflow_v2.er:8:3)
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE users ADD COLUMN IF NOT EXISTS phone text;
COMMIT;

-- tables: add column orders.placed_at (shopflow_v2.er:27:3)
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS placed_at timestamptz NOT NULL DEFAULT now();
COMMIT;

-- tables: create table reviews (shopflow_v2.er:31:8)
BEGIN;
SET LOCAL lock_timeout = '5s';
CREATE TABLE IF NOT EXISTS reviews (
    id         serial NOT NULL,
    product_id integer NOT NULL,
    author_id  integer,
    rating     smallint NOT NULL,
    body       text,
    CONSTRAINT pk_reviews PRIMARY KEY (id),
    CONSTRAINT ck_reviews_rating CHECK (rating between 1 and 5),
    CONSTRAINT fk_reviews_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE ON UPDATE NO ACTION,
    CONSTRAINT fk_reviews_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL ON UPDATE NO ACTION
);
CREATE INDEX IF NOT EXISTS idx_reviews_product_id ON reviews (product_id);
CREATE INDEX IF NOT EXISTS idx_reviews_author_id ON reviews (author_id);
COMMIT;

-- indexes: drop index idx_products_name left invalid by an interrupted build (shopflow_v2.er:21:9)
SET lock_timeout = '5s';
DROP INDEX CONCURRENTLY IF EXISTS idx_products_name;

-- indexes: build index idx_products_name (shopflow_v2.er:21:9)
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY idx_products_name ON products (name);

-- constraints: change foreign key fk_orders_user (shopflow_v2.er:51:1)
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE orders DROP CONSTRAINT fk_orders_user;
ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID;
COMMIT;

-- validate: validate fk_orders_user (shopflow_v2.er:51:1)
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_user;
COMMIT;

-- comments: comments of users (shopflow_v2.er:8:3)
BEGIN;
SET LOCAL lock_timeout = '5s';
COMMENT ON COLUMN users.phone IS 'for delivery questions';
COMMIT;
