/** The filters the benchmark times: two column-backed, two that must dissect (issue targets). */
export const columnFilters = ['tcp.port == 80', 'ip.addr == 10.0.0.0/8 && !arp'];
export const deepFilters = ['http.request.method == "GET"', 'dns.qry.name contains "example"'];
export const benchmarkFilters = [...columnFilters, ...deepFilters];
