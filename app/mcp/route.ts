import { serveMcp } from "@/lib/mcp/serve-mcp";

// POST /mcp – Akhrot's remote MCP server (Streamable HTTP, stateless, 2025 and 2026-07-28 clients).
// GET and DELETE answer 405. get_connect_status may wait up to 25 s for the human.
export const maxDuration = 60;
export const POST = serveMcp;
export const GET = serveMcp;
export const DELETE = serveMcp;
