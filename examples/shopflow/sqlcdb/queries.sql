-- name: GetUser :one
SELECT id, name, email FROM users WHERE id = $1;

-- name: OrdersByUser :many
SELECT id, user_id, status FROM orders WHERE user_id = $1 ORDER BY id;

-- name: ProductsOfOrder :many
SELECT sqlc.embed(x), sqlc.embed(j) FROM order_items AS j JOIN products AS x ON x.id = j.product_id WHERE j.order_id = $1 ORDER BY j.id;

-- name: CreateUser :one
INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id, name, email;

-- name: SetUserName :one
UPDATE users SET name = $2 WHERE id = $1 RETURNING id, name, email;

-- name: UpsertUserByEmail :one
INSERT INTO users AS t (name, email) VALUES ($1, $2)
ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING t.id, t.name, t.email;

-- name: OrdersPageByStatus :many
SELECT id, user_id, status FROM orders
WHERE user_id = $1 AND status = $2 AND (user_id, id) < (sqlc.arg(after_user_id)::integer, sqlc.arg(after_id)::integer)
ORDER BY user_id DESC, id DESC LIMIT $3;

-- name: CountOrdersByUsers :many
SELECT user_id, count(*) FROM orders WHERE user_id = ANY($1::integer[]) GROUP BY user_id;

-- name: OrdersByUsers :many
SELECT id, user_id, status FROM orders WHERE user_id = ANY($1::integer[]) ORDER BY user_id, id;

-- name: ProductsOfOrders :many
SELECT sqlc.embed(x), sqlc.embed(j) FROM order_items AS j JOIN products AS x ON x.id = j.product_id
WHERE j.order_id = ANY($1::integer[]) ORDER BY j.order_id, j.id;

-- name: LinkOrderProduct :one
INSERT INTO order_items AS t (order_id, product_id, quantity, price_at_purchase) VALUES ($1, $2, $3, $4)
ON CONFLICT (order_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity, price_at_purchase = EXCLUDED.price_at_purchase
RETURNING t.xmax = 0;

-- name: CopyProducts :copyfrom
INSERT INTO products (category_id, name, price) VALUES ($1, $2, $3);
