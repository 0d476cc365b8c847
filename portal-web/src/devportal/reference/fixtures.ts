/** An OpenAPI document with tags, a path-level $ref parameter, nested and recursive schemas: test data. */
export const ORDERS_YAML = `openapi: 3.0.3
info: { title: Orders, version: 1.0.0, description: Orders of the shop. }
tags:
  - { name: orders, description: Placing and reading orders }
security: [ { apiKey: [] } ]
components:
  securitySchemes:
    apiKey: { type: apiKey, in: header, name: X-API-Key }
  parameters:
    OrderId: { name: orderId, in: path, required: true, schema: { type: string, maxLength: 64 } }
  schemas:
    Order:
      type: object
      required: [id, status]
      properties:
        id: { type: string, description: The order number }
        status: { type: string, enum: [open, paid] }
        lines: { type: array, items: { $ref: '#/components/schemas/Line' } }
        parent: { $ref: '#/components/schemas/Order' }
    Line:
      type: object
      properties:
        sku: { type: string, pattern: '^[A-Z]+$' }
        quantity: { type: integer, minimum: 1 }
paths:
  /orders:
    get:
      tags: [orders]
      operationId: listOrders
      summary: List orders
      parameters:
        - { name: limit, in: query, description: Page size, schema: { type: integer, maximum: 100 } }
      responses:
        '200':
          description: The orders
          content:
            application/json:
              schema: { type: array, items: { $ref: '#/components/schemas/Order' } }
    post:
      tags: [orders]
      operationId: createOrder
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Order' }
      responses:
        '201': { description: Created }
        '400': { description: Invalid order }
  /orders/{orderId}:
    parameters: [ { $ref: '#/components/parameters/OrderId' } ]
    delete:
      operationId: cancelOrder
      security: []
      deprecated: true
      responses:
        '204': { description: Cancelled }
`;
