'use strict';

// Topic administration through ali-ons' own MQClientAPI (UPDATE_AND_CREATE_TOPIC, GET_ROUTEINFO_BY_TOPIC).
// ali-ons never creates topics by itself, so every scenario starts here.
//
// Config (JSON, see common.js):
//   nameSrv            "127.0.0.1:<port>" (required)
//   brokerAddr         broker to send UPDATE_AND_CREATE_TOPIC to; default: every master in the route of defaultTopic
//   defaultTopic       default "TBW102"
//   topics             [{ topic, queueNums = 4, perm = 6 }]   creates, or updates an existing topic
//   routes             [topic]                                 only prints their routes
//   waitForRoute       after creating, wait until the name server routes the topic with the asked perm (default true)
//   routeTimeoutMs     how long to wait for a route (default 30000)
//   timeoutMs          hard timeout (default 120000)
// Lines:
//   {"event":"broker", brokerAddrs}                 where the topics are created
//   {"event":"topicCreated", topic, brokerAddr, queueNums, perm}
//   {"event":"route", topic, route}
//   {"event":"done", created}

const MQClientAPI = require('ali-ons/lib/mq_client_api');
const { emit, clientOptions, run, sleep } = require('./common');

const MASTER_ID = '0';

// Polls the name server until `accept(route)` holds; the silo may still be registering its broker.
async function waitForRoute(api, topic, timeoutMs, accept) {
  const deadline = Date.now() + timeoutMs;
  let lastError = null;
  while (Date.now() < deadline) {
    try {
      const route = await api.getTopicRouteInfoFromNameServer(topic, 3000);
      if (route && accept(route)) return route;
      lastError = new Error(`route of ${topic} not as expected yet: ${JSON.stringify(route)}`);
    } catch (err) {
      lastError = err;
    }
    await sleep(200);
  }
  throw new Error(`no acceptable route for topic ${topic} within ${timeoutMs} ms: ${lastError && lastError.message}`);
}

function masterAddresses(route) {
  return (route.brokerDatas || [])
    .map(data => data.brokerAddrs && (data.brokerAddrs[MASTER_ID] || data.brokerAddrs[0]))
    .filter(Boolean);
}

run('admin.js', async config => {
  const api = new MQClientAPI(clientOptions(config));
  api.on('error', err => emit('error', { message: err.message }));
  await api.ready();

  const routeTimeoutMs = config.routeTimeoutMs || 30000;
  const topics = config.topics || [];
  let brokerAddrs = config.brokerAddr ? [ config.brokerAddr ] : null;
  const defaultTopic = config.defaultTopic || 'TBW102';
  if (topics.length && !brokerAddrs) {
    const route = await waitForRoute(api, defaultTopic, routeTimeoutMs, r => masterAddresses(r).length > 0);
    brokerAddrs = masterAddresses(route);
  }
  if (brokerAddrs) emit('broker', { brokerAddrs });

  let created = 0;
  for (const spec of topics) {
    const queueNums = spec.queueNums || 4;
    const perm = spec.perm === undefined ? 6 : spec.perm;
    for (const brokerAddr of brokerAddrs) {
      await api.createTopic(brokerAddr, defaultTopic, {
        topicName: spec.topic,
        readQueueNums: queueNums,
        writeQueueNums: queueNums,
        perm,
        topicFilterType: 'SINGLE_TAG',
        topicSysFlag: 0,
        order: false,
      }, 5000);
      created++;
      emit('topicCreated', { topic: spec.topic, brokerAddr, queueNums, perm });
    }
    if (config.waitForRoute !== false) {
      const route = await waitForRoute(api, spec.topic, routeTimeoutMs,
        r => (r.queueDatas || []).length > 0 && r.queueDatas.every(q => Number(q.perm) === perm));
      emit('route', { topic: spec.topic, route });
    }
  }

  for (const topic of config.routes || []) {
    const route = await waitForRoute(api, topic, routeTimeoutMs, () => true);
    emit('route', { topic, route });
  }

  await api.close();
  return { created };
});
