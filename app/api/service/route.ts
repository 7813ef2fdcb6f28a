// /api/service itself: the same AuthOS-body 404 as any unknown /api/service/* path.
export { GET, POST, PUT, PATCH, DELETE } from "./[...path]/route";
