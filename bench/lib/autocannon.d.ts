// The slice of autocannon's API the benches use (the package ships no types).
declare module "autocannon" {
  type Req = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections: number;
    duration: number;
    pipelining?: number;
    requests?: Array<Req & { setupRequest?: (req: Req) => Req }>;
  };
  type Histogram = { average: number; mean: number; p50: number; p90: number; p99: number; max: number };
  export type Result = {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
  };
  export default function autocannon(opts: Options): Promise<Result>;
}
