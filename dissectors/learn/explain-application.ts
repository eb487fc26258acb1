import { line, type Bilingual } from './text.js';

/** How to read the application-layer values the course covers: DNS, HTTP, DHCP. */

export function explainDnsResponseFlag(isResponse: boolean): Bilingual[] {
  return isResponse
    ? [line('QR = 1: a response. It repeats the query\'s transaction ID and question, then gives the answers.', 'QR = 1：响应。它重复查询的事务 ID 和问题，然后给出答案。')]
    : [line('QR = 0: a query, usually sent over UDP to port 53; the answer comes back from port 53 to the client\'s port.', 'QR = 0：查询，通常通过 UDP 发往 53 端口；答案从 53 端口发回客户端的端口。')];
}

const statusClasses: readonly Bilingual[] = [
  line('informational (1xx): the request goes on', '信息（1xx）：请求继续进行'),
  line('success (2xx)', '成功（2xx）'),
  line('redirection (3xx): look in the Location header', '重定向（3xx）：查看 Location 首部'),
  line('client error (4xx): the request was wrong (404: no such resource)', '客户端错误（4xx）：请求有误（404：资源不存在）'),
  line('server error (5xx): the server failed', '服务器错误（5xx）：服务器出错'),
];

export function explainHttpStatus(code: number): Bilingual[] {
  const statusClass = statusClasses[Math.floor(code / 100) - 1];
  if (!statusClass) return [line(`${code} is outside the standard 100–599 range.`, `${code} 不在标准的 100–599 范围内。`)];
  return [line(`${code}: ${statusClass.en}.`, `${code}：${statusClass.zh}。`)];
}

const methodLessons: Readonly<Record<string, Bilingual>> = {
  GET: line('GET: fetch the resource; no body, safe to repeat.', 'GET：获取资源；没有正文，可安全重复。'),
  POST: line('POST: submit the body to the resource (forms, uploads, APIs).', 'POST：把正文提交给资源（表单、上传、API）。'),
  HEAD: line('HEAD: like GET but only the headers come back.', 'HEAD：与 GET 相同，但只返回首部。'),
  PUT: line('PUT: store the body at this URI.', 'PUT：把正文存放到该 URI。'),
  DELETE: line('DELETE: remove the resource.', 'DELETE：删除资源。'),
  OPTIONS: line('OPTIONS: ask what the server allows (CORS preflight).', 'OPTIONS：询问服务器允许的操作（CORS 预检）。'),
  CONNECT: line('CONNECT: open a tunnel through a proxy (for HTTPS).', 'CONNECT：通过代理建立隧道（用于 HTTPS）。'),
};

export function explainHttpMethod(method: string): Bilingual[] {
  const lesson = methodLessons[method];
  return lesson ? [lesson] : [line(`${method}: not one of the standard methods.`, `${method}：不是标准方法。`)];
}

const dhcpSteps: Readonly<Record<number, Bilingual>> = {
  1: line('Discover: the client, with no address yet (source 0.0.0.0), broadcasts to 255.255.255.255 to find servers.', 'Discover：还没有地址的客户端（源地址 0.0.0.0）向 255.255.255.255 广播以寻找服务器。'),
  2: line('Offer: a server proposes an address (yiaddr) with a mask, router and lease time.', 'Offer：服务器提供一个地址（yiaddr）以及掩码、路由器和租期。'),
  3: line('Request: the client accepts one offer (naming that server), still by broadcast so the other servers learn it.', 'Request：客户端接受某个 Offer（指明该服务器），仍以广播发送，好让其他服务器知道。'),
  4: line('Decline: the offered address is already in use.', 'Decline：所提供的地址已被占用。'),
  5: line('ACK: the server confirms; the client may now use the address for the lease time.', 'ACK：服务器确认；客户端可在租期内使用该地址。'),
  6: line('NAK: the server refuses the request; the client starts over with Discover.', 'NAK：服务器拒绝请求；客户端从 Discover 重新开始。'),
  7: line('Release: the client gives the address back.', 'Release：客户端归还地址。'),
  8: line('Inform: a client with an address asks only for other settings.', 'Inform：已有地址的客户端只请求其他配置。'),
};

export function explainDhcpMessageType(type: number): Bilingual[] {
  const step = dhcpSteps[type];
  const lines = step ? [step] : [line(`DHCP message type ${type}.`, `DHCP 消息类型 ${type}。`)];
  if (type >= 1 && type <= 5 && type !== 4) lines.push(line('The usual exchange is Discover → Offer → Request → ACK ("DORA").', '通常的交换过程为 Discover → Offer → Request → ACK（"DORA"）。'));
  return lines;
}
