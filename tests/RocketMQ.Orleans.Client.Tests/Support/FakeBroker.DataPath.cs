using System.Collections.Concurrent;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests.Support;

internal sealed partial class FakeBroker
{
    /// <summary>Sends NOTIFY_CONSUMER_IDS_CHANGED (oneway, as Apache's broker does) to every connected client.</summary>
    public async Task NotifyConsumerIdsChangedAsync(string group)
    {
        foreach (var connection in Server.Connections)
        {
            var request = RemotingCommand.CreateRequest(RequestCode.NotifyConsumerIdsChanged, new NotifyConsumerIdsChangedRequestHeader { ConsumerGroup = group });
            request.MarkOneway();
            await connection.InvokeOnewayAsync(request);
        }
    }

    /// <summary>Registers a client id in a group as if it had sent a heartbeat.</summary>
    public void AddGroupClient(string group, string clientId) =>
        _groupClients.GetOrAdd(group, _ => new ConcurrentDictionary<string, byte>())[clientId] = 0;

    private RemotingCommand Send(RemotingCommand request)
    {
        var header = SendMessageRequestHeaderV2.FromExtFields(request.ExtFields);
        if (!_topics.ContainsKey(header.B))
        {
            AddTopic(header.B, header.D);
        }

        MessageExt first;
        if (header.M)
        {
            var entries = MessageBatchCodec.Decode(request.Body);
            first = Store.Put(header.B, header.E, entries[0].Body.ToArray(), entries[0].DecodeProperties(), header.G);
            foreach (var entry in entries.Skip(1))
            {
                Store.Put(header.B, header.E, entry.Body.ToArray(), entry.DecodeProperties(), header.G);
            }
        }
        else
        {
            first = Store.Put(header.B, header.E, request.Body.ToArray(), MessageProperties.Decode(header.I), header.G, header.J ?? 0);
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.WriteHeader(new SendMessageResponseHeader { MsgId = first.MsgId!, QueueId = header.E, QueueOffset = first.QueueOffset });
        return response;
    }

    /// <summary>Holds a suspended pull that found nothing until a message arrives or the suspend time (capped at 1 s) is up.</summary>
    private async Task<RemotingCommand?> PullAsync(RemotingCommand request)
    {
        var header = request.ReadHeader<PullMessageRequestHeader>();
        var arrival = Store.NextArrival;
        if ((header.SysFlag & 0x2) != 0 && Store.MaxOffset(header.Topic, header.QueueId) <= header.QueueOffset)
        {
            var hold = TimeSpan.FromMilliseconds(Math.Min(header.SuspendTimeoutMillis, 1000));
            await Task.WhenAny(arrival, Task.Delay(hold));
        }

        return Pull(request);
    }

    private RemotingCommand Pull(RemotingCommand request)
    {
        var header = request.ReadHeader<PullMessageRequestHeader>();
        long max = Store.MaxOffset(header.Topic, header.QueueId);
        var (body, count) = Store.Read(header.Topic, header.QueueId, header.QueueOffset, header.MaxMsgNums);
        var response = request.CreateResponseTo(count > 0 ? ResponseCode.Success : ResponseCode.PullNotFound);
        response.WriteHeader(new PullMessageResponseHeader
        {
            NextBeginOffset = header.QueueOffset + count,
            MinOffset = 0,
            MaxOffset = max,
            SuggestWhichBrokerId = 0,
        });
        response.Body = body;
        return response;
    }

    private RemotingCommand Heartbeat(RemotingCommand request)
    {
        var heartbeat = RemotingBody.Decode<HeartbeatData>(request.Body.Span);
        foreach (var consumer in heartbeat.ConsumerDataSet)
        {
            AddGroupClient(consumer.GroupName, heartbeat.ClientID);
            AddTopic("%RETRY%" + consumer.GroupName, 1);
        }

        return request.CreateResponseTo(ResponseCode.Success);
    }

    private RemotingCommand ConsumerList(RemotingCommand request)
    {
        var group = request.ReadHeader<GetConsumerListByGroupRequestHeader>().ConsumerGroup;
        var ids = _groupClients.TryGetValue(group, out var clients) ? clients.Keys.ToList() : [];
        return WithBody(request, new GetConsumerListByGroupResponseBody { ConsumerIdList = ids });
    }

    private RemotingCommand QueryOffset(RemotingCommand request)
    {
        var header = request.ReadHeader<QueryConsumerOffsetRequestHeader>();
        if (!_offsets.TryGetValue((header.ConsumerGroup, header.Topic, header.QueueId), out long offset))
        {
            return request.CreateResponseTo(ResponseCode.QueryNotFound, "Not found, maybe this group consumer boot first");
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.WriteHeader(new QueryConsumerOffsetResponseHeader { Offset = offset });
        return response;
    }

    private RemotingCommand? UpdateOffset(RemotingCommand request)
    {
        var header = request.ReadHeader<UpdateConsumerOffsetRequestHeader>();
        _offsets[(header.ConsumerGroup, header.Topic, header.QueueId)] = header.CommitOffset;
        return request.CreateResponseTo(ResponseCode.Success);
    }

    private RemotingCommand MaxOffset(RemotingCommand request)
    {
        var header = request.ReadHeader<GetMaxOffsetRequestHeader>();
        var response = request.CreateResponseTo(ResponseCode.Success);
        response.WriteHeader(new GetMaxOffsetResponseHeader { Offset = Store.MaxOffset(header.Topic, header.QueueId) });
        return response;
    }

    private RemotingCommand View(RemotingCommand request)
    {
        var offset = request.ReadHeader<ViewMessageRequestHeader>().Offset;
        if (Store.ReadByCommitLogOffset(offset) is not { } stored)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, $"can not find message by the offset, {offset}");
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = stored;
        return response;
    }

    private RemotingCommand Query(RemotingCommand request)
    {
        var header = request.ReadHeader<QueryMessageRequestHeader>();
        bool unique = request.GetExtField("_UNIQUE_KEY_QUERY") == "true";
        var matches = Store.All()
            .Where(message => message.Topic == header.Topic)
            .Where(message => unique ? message.UniqueKey == header.Key : (message.Keys ?? string.Empty).Split(' ').Contains(header.Key))
            .Take(header.MaxNum)
            .ToList();
        if (matches.Count == 0)
        {
            return request.CreateResponseTo(ResponseCode.QueryNotFound, "can not find message, maybe time range not correct");
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.WriteHeader(new QueryMessageResponseHeader());
        response.Body = matches.SelectMany(message => Store.ReadByCommitLogOffset(message.CommitLogOffset)!).ToArray();
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _executor.DisposeAsync();
    }
}
