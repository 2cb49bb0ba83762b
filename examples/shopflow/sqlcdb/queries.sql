-- name: GetUser :one
SELECT id, name, email FROM users WHERE id = $1;

-- name: OrdersByUser :many
SELECT id, user_id, status FROM orders WHERE user_id = $1 ORDER BY id;

-- name: ProductsOfOrder :many
SELECT sqlc.embed(x), sqlc.embed(j) FROM order_items AS j JOIN products AS x ON x.id = j.product_id WHERE j.order_id = $1 ORDER BY j.id;
