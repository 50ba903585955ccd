'use strict';

// Apache's RocketMQ 5 Node.js client (rocketmq-client-nodejs) connected and idle: a Producer of `topic` and a
// SimpleConsumer of `group` subscribed to `topic` with the tag expression `tags`, both kept open until the scenario
// is stopped (SIGTERM), when both shut down (NotifyClientTermination, then the Telemetry streams close).
//
// Config (JSON, see common.js):
//   endpoints, topic, group   (required)
//   tags           tag expression of the subscription (default "*")
//   timeoutMs      hard timeout (default 120000)
// Lines:
//   {"event":"clientsReady", producerClientId, consumerClientId}
//   {"event":"stopped", signal}

const { Producer, SimpleConsumer } = require('rocketmq-client-nodejs');
const { emit, run, grpcClientOptions, grpcClientLogger } = require('./common');

run('grpc5-clients', async (config, lifetime) => {
  for (const name of [ 'endpoints', 'topic', 'group' ]) {
    if (config[name] === undefined) throw new Error(`config.${name} is required`);
  }
  const producer = new Producer({ ...grpcClientOptions(config, grpcClientLogger), topics: [ config.topic ] });
  lifetime.onStop(() => producer.shutdown());
  await producer.startup();
  const consumer = new SimpleConsumer({
    ...grpcClientOptions(config, grpcClientLogger),
    consumerGroup: config.group,
    subscriptions: new Map([ [ config.topic, config.tags ?? '*' ] ]),
    awaitDuration: 2000,
  });
  lifetime.onStop(() => consumer.shutdown());
  await consumer.startup();
  emit('clientsReady', { producerClientId: producer.clientId, consumerClientId: consumer.clientId });
  // Open until stopped: the run's SIGTERM handler shuts both clients down and exits.
  await new Promise(() => {});
});
