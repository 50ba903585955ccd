'use strict';

// Runs ali-ons' own protocol code on a JSON job read from stdin and prints the result as JSON on stdout.
// The C# interop tests drive it, so each direction of the cross-check uses code nobody here wrote.
//
// Job: { "op": "...", ...arguments } or { "ops": [ job, job, ... ] } (results in the same order).
// Binary data travels as lowercase hex strings; 64-bit message fields as decimal strings, as ali-ons
// produced them (its decoder already turns longs into JavaScript numbers).

const zlib = require('zlib');
const ByteBuffer = require('byte');
const RemotingCommand = require('ali-ons/lib/protocol/command/remoting_command');
const MessageDecoder = require('ali-ons/lib/message/message_decoder');
const Message = require('ali-ons/lib/message/message');
const MQProducer = require('ali-ons/lib/producer/mq_producer');
const MQClientAPI = require('ali-ons/lib/mq_client_api');
const Channel = require('ali-ons/lib/channel');
const utils = require('ali-ons/lib/utils');

const fromHex = hex => Buffer.from(hex || '', 'hex');
const toHex = buf => (buf ? Buffer.from(buf).toString('hex') : '');

// encodeRequest: the frame ali-ons writes for createRequestCommand(code, customHeader).
function encodeRequest(job) {
  const command = new RemotingCommand({
    code: job.code,
    customHeader: job.extFields,
    opaque: job.opaque,
    flag: job.flag,
    remark: job.remark,
  });
  if (job.oneway) command.markOnewayRPC();
  if (job.bodyHex) command.body = fromHex(job.bodyHex);
  return { frameHex: toHex(command.encode()) };
}

// decodeFrame: what ali-ons' channel makes of a whole frame (length prefix included), plus the raw header
// JSON, because RemotingCommand hard-codes language/version as getters and would hide what was sent.
function decodeFrame(job) {
  const packet = fromHex(job.frameHex);
  const command = RemotingCommand.decode(packet);
  const headerLength = packet.readInt32BE(4);
  return {
    totalLength: packet.readInt32BE(0),
    headerLengthField: headerLength,
    rawHeader: JSON.parse(packet.slice(8, 8 + headerLength).toString('utf8')),
    code: command.code,
    opaque: command.opaque,
    flag: command.flag,
    remark: command.remark === undefined ? null : command.remark,
    extFields: command.decodeCommandCustomHeader(),
    bodyHex: toHex(command.body),
    isResponseType: command.isResponseType,
    isOnewayRPC: command.isOnewayRPC,
  };
}

function describeMessage(msg) {
  return {
    storeSize: msg.storeSize,
    bodyCRC: msg.bodyCRC,
    queueId: msg.queueId,
    flag: msg.flag,
    queueOffset: String(msg.queueOffset),
    commitLogOffset: String(msg.commitLogOffset),
    sysFlag: msg.sysFlag,
    bornTimestamp: String(msg.bornTimestamp),
    bornHost: msg.bornHost,
    storeTimestamp: String(msg.storeTimestamp),
    storeHost: msg.storeHost,
    reconsumeTimes: msg.reconsumeTimes,
    preparedTransactionOffset: String(msg.preparedTransactionOffset),
    topic: msg.topic,
    tags: msg.tags === undefined ? null : msg.tags,
    keys: msg.keys === undefined ? null : msg.keys,
    properties: msg.properties,
    bodyHex: toHex(msg.body),
    msgId: msg.msgId,
  };
}

// decodeMessages: a pull-response body through MessageDecoder.decodes exactly as MQClientAPI.pullMessage
// feeds it. decodes() swallows decode errors and stops, so the consumed byte count is reported too.
// A second pass without decompression yields the stored body's CRC, computed here with zlib.crc32
// (Apache's UtilAll.crc32 is CRC-32 & 0x7FFFFFFF).
function decodeMessages(job) {
  const body = fromHex(job.bodyHex);
  const buffer = ByteBuffer.allocate(Math.max(body.length, 1));
  buffer.put(body).flip();
  const messages = MessageDecoder.decodes(buffer).map(describeMessage);
  const consumed = buffer.position();

  const raw = ByteBuffer.allocate(Math.max(body.length, 1));
  raw.put(body).flip();
  const storedBodyCrcs = [];
  while (raw.hasRemaining()) {
    const msg = MessageDecoder.decode(raw, true, false);
    if (!msg) break;
    storedBodyCrcs.push(msg.body ? (zlib.crc32(msg.body) & 0x7FFFFFFF) : 0);
  }
  return { messages, consumedBytes: consumed, totalBytes: body.length, storedBodyCrcs };
}

// decodeMessageIds: ali-ons' parser of offset message ids (store address + commit-log offset).
function decodeMessageIds(job) {
  return {
    ids: job.ids.map(id => {
      const parsed = MessageDecoder.decodeMessageId(id);
      return { address: parsed.address, offset: parsed.offset.toString() };
    }),
  };
}

// hashCodes: ali-ons' Java String.hashCode port, used for subscription tag codes.
function hashCodes(job) {
  return { hashes: job.strings.map(s => utils.hashCode(s)) };
}

function buildMessage(job) {
  const msg = new Message(job.topic, job.tags, fromHex(job.bodyHex));
  if (job.keys) msg.keys = job.keys;
  if (job.delayTimeLevel) msg.delayTimeLevel = job.delayTimeLevel;
  if (job.flag) msg.flag = job.flag;
  for (const name of Object.keys(job.properties || {})) {
    msg.properties[name] = job.properties[name];
  }
  return msg;
}

// encodeSendMessageV2: runs MQProducer.sendKernelImpl -> MQClientAPI.sendMessage -> Channel.invoke
// (request signing included) with the socket replaced by a capture, so the frame is the one the
// producer would write. Only connection set-up is bypassed; header building, compression and signing
// are ali-ons' own code.
async function encodeSendMessageV2(job) {
  let captured = null;
  let capturedRequest = null;
  const channel = Object.create(Channel.prototype);
  channel.options = { accessKey: job.accessKey, secretKey: job.secretKey };

  const api = Object.create(MQClientAPI.prototype);
  api.projectGroupPrefix = null;
  api.invoke = async (addr, request) => {
    channel.beforeRequest(request);
    captured = request.encode();
    capturedRequest = request;
    const response = RemotingCommand.createResponseCommand(0, request.opaque, null);
    response.extFields = { msgId: 'C0A80001000007D30000000000000000', queueId: String(job.queueId), queueOffset: '0' };
    return response;
  };

  const producer = Object.create(MQProducer.prototype);
  producer.options = {
    producerGroup: job.producerGroup,
    createTopicKey: 'TBW102',
    defaultTopicQueueNums: 4,
    compressMsgBodyOverHowmuch: 1024 * 4,
    unitMode: false,
    namespace: '',
  };
  producer._mqClient = {
    findBrokerAddressInPublish: () => '127.0.0.1:10911',
    sendMessage: (...args) => api.sendMessage(...args),
  };

  const msg = buildMessage(job);
  const queue = { topic: job.topic, brokerName: 'broker-a', queueId: job.queueId };
  const sendResult = await producer.sendKernelImpl(msg, queue);
  return {
    frameHex: toHex(captured),
    sendStatus: sendResult.sendStatus,
    opaque: capturedRequest.opaque,
    bornTimestamp: String(capturedRequest.extFields.g),
  };
}

// pullMessage: MQClientAPI.pullMessage (the consumer's pull path: status mapping, Number() of the
// offsets, MessageDecoder.decodes of the body) answered by the given response frame instead of a socket.
// The request it would have sent is returned as well.
async function pullMessage(job) {
  let requestFrame = null;
  const api = Object.create(MQClientAPI.prototype);
  api.projectGroupPrefix = null;
  api.invoke = async (addr, request) => {
    request.opaque = job.opaque;
    requestFrame = request.encode();
    return RemotingCommand.decode(fromHex(job.responseFrameHex));
  };
  const result = await api.pullMessage('127.0.0.1:10911', {
    consumerGroup: job.consumerGroup,
    topic: job.topic,
    queueId: job.queueId,
    queueOffset: job.queueOffset,
    maxMsgNums: 32,
    sysFlag: 2,
    commitOffset: 0,
    suspendTimeoutMillis: 15000,
    subscription: '*',
    subVersion: 0,
  }, 30000);
  return {
    requestFrameHex: toHex(requestFrame),
    pullStatus: result.pullStatus,
    nextBeginOffset: result.nextBeginOffset,
    minOffset: result.minOffset,
    maxOffset: result.maxOffset,
    suggestWhichBrokerId: result.suggestWhichBrokerId,
    messages: result.msgFoundList.map(describeMessage),
  };
}

// updateConsumerOffsetOneway: the offset commit ali-ons sends every 5 s through invokeOneway.
async function updateConsumerOffsetOneway(job) {
  let frame = null;
  const api = Object.create(MQClientAPI.prototype);
  api.projectGroupPrefix = null;
  api.invokeOneway = async (addr, request) => {
    request.opaque = job.opaque;
    frame = request.encode();
  };
  await api.updateConsumerOffsetOneway('127.0.0.1:10911', {
    consumerGroup: job.consumerGroup,
    topic: job.topic,
    queueId: job.queueId,
    commitOffset: job.commitOffset,
  });
  return { frameHex: toHex(frame) };
}

const operations = {
  encodeRequest,
  decodeFrame,
  decodeMessages,
  decodeMessageIds,
  hashCodes,
  encodeSendMessageV2,
  pullMessage,
  updateConsumerOffsetOneway,
};

async function run(job) {
  const operation = operations[job.op];
  if (!operation) throw new Error(`unknown op '${job.op}'`);
  return operation(job);
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const result = job.ops ? await Promise.all(job.ops.map(run)) : await run(job);
  process.stdout.write(JSON.stringify(result));
}

main().catch(err => {
  process.stderr.write(`codec.js failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
