using RocketMQ.Orleans.Broker.Replication.Leadership;

namespace RocketMQ.Orleans.Cluster.Tests.Replication;

/// <summary>The leadership rules alone, on a fake clock: elections, leases, fencing, the in-sync set, follower ids, the epoch history.</summary>
public sealed class LeadershipRulesTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void First_election_waits_one_lease_for_other_replicas_when_only_one_reported()
    {
        var group = new LeadershipHarness(minInSyncReplicas: 2);
        group.SetLog("a", 100);

        Assert.Equal(LeadershipEvent.FirstElectionPending, group.Heartbeat("a").Event);
        group.Run(group.Lease - Millisecond, "a");
        Assert.Null(group.State.LeaderId);
        Assert.Equal(0, group.State.Epoch);

        group.Time.Advance(Millisecond);
        var decision = group.Heartbeat("a");

        Assert.Equal(new LeadershipDecision(true, LeadershipEvent.Elected), decision);
        Assert.Equal("a", group.State.LeaderId);
        Assert.Equal(1, group.State.Epoch);
        Assert.Equal(["a"], group.State.InSync);
    }

    [Fact]
    public void First_election_does_not_wait_once_MinInSyncReplicas_reported_and_elects_the_longest_log()
    {
        var group = new LeadershipHarness(minInSyncReplicas: 3);
        group.SetLog("a", 100);
        group.SetLog("b", 300);
        group.SetLog("c", 200);

        Assert.Equal(LeadershipEvent.FirstElectionPending, group.Heartbeat("a").Event);
        Assert.Equal(LeadershipEvent.FirstElectionPending, group.Heartbeat("b").Event);
        var decision = group.Heartbeat("c");

        // Reported in the same instant: no lease passed, the third report alone released the election.
        Assert.Equal(LeadershipEvent.Elected, decision.Event);
        Assert.Equal("b", group.State.LeaderId);
        Assert.Equal(["b"], group.State.InSync);
    }

    [Fact]
    public void First_election_with_MinInSyncReplicas_one_elects_the_first_reporter_at_once()
    {
        var group = new LeadershipHarness(minInSyncReplicas: 1);

        Assert.Equal(LeadershipEvent.Elected, group.Heartbeat("a").Event);
        Assert.Equal("a", group.State.LeaderId);
    }

    [Fact]
    public void Leader_report_renews_the_lease_so_no_one_is_elected_while_it_reports()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");
        var electedAt = group.Time.GetUtcNow();

        group.Run(group.Lease * 3, "a", "b");

        Assert.Equal("a", group.State.LeaderId);
        Assert.Equal(1, group.State.Epoch);
        Assert.Equal(group.Time.GetUtcNow() + group.Lease, group.Rules.LeaseExpires);
        Assert.True(group.Rules.LeaseExpires > electedAt + group.Lease * 3);
    }

    [Fact]
    public void No_election_before_the_lease_expires_even_when_the_leader_is_silent()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");
        var renewedAt = group.Time.GetUtcNow();

        group.Run(group.Lease - Millisecond, "b");

        Assert.Equal("a", group.State.LeaderId);
        Assert.Equal(1, group.State.Epoch);
        Assert.Equal(renewedAt + group.Lease, group.Rules.LeaseExpires);

        group.Time.Advance(Millisecond);
        Assert.Equal(LeadershipEvent.Elected, group.Heartbeat("b").Event);
        Assert.Equal("b", group.State.LeaderId);
        Assert.Equal(2, group.State.Epoch);
    }

    [Fact]
    public void Election_after_expiry_picks_the_highest_log_epoch_then_offset_among_fresh_in_sync_replicas()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b", "c", "d");
        group.SetLog("b", 900, lastLogEpoch: 0);
        group.SetLog("c", 500, lastLogEpoch: 1);
        group.SetLog("d", 700, lastLogEpoch: 1);

        group.Run(group.Lease, "b", "c", "d");

        Assert.Equal("d", group.State.LeaderId);
        Assert.Equal(2, group.State.Epoch);
        Assert.Equal(["b", "c", "d"], group.State.InSync.Order());
    }

    [Fact]
    public void Election_ties_go_to_the_lowest_follower_broker_id()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b", "c");
        group.SetLog("c", 800);
        group.SetLog("b", 800);
        Assert.True(group.State.Members["b"].FollowerBrokerId < group.State.Members["c"].FollowerBrokerId);

        group.Run(group.Lease, "c", "b");

        Assert.Equal("b", group.State.LeaderId);
    }

    [Fact]
    public void Stale_in_sync_replicas_are_neither_elected_nor_kept_in_sync()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b", "c");
        group.SetLog("c", 5_000);

        // c's longer log does not help: it stops reporting with the leader and is stale when the lease ends.
        group.Run(group.Lease, "b");

        Assert.Equal("b", group.State.LeaderId);
        Assert.Equal(["b"], group.State.InSync);
    }

    [Fact]
    public void Out_of_sync_replicas_are_never_elected_even_with_the_longest_log()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");
        group.SetLog("c", 9_000, lastLogEpoch: 1);
        group.Heartbeat("c");

        group.Run(group.Lease, "b", "c");

        Assert.Equal("b", group.State.LeaderId);
        Assert.DoesNotContain("c", group.State.InSync);
    }

    [Fact]
    public void No_fresh_in_sync_candidate_leaves_the_group_leaderless_in_the_same_epoch_until_one_returns()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");
        group.Heartbeat("c");

        group.Run(group.Lease - Millisecond, "c");
        group.Time.Advance(Millisecond);
        var lost = group.Heartbeat("c");

        Assert.Equal(new LeadershipDecision(true, LeadershipEvent.LeaderLost), lost);
        Assert.Null(group.State.LeaderId);
        Assert.Null(group.Rules.LeaseExpires);
        Assert.Equal(1, group.State.Epoch);
        Assert.Equal(["a", "b"], group.State.InSync.Order());
        Assert.Equal(new LeadershipDecision(false, LeadershipEvent.NoCandidate), group.Heartbeat("c"));

        var back = group.Heartbeat("b");

        Assert.Equal(LeadershipEvent.Elected, back.Event);
        Assert.Equal("b", group.State.LeaderId);
        Assert.Equal(2, group.State.Epoch);
    }

    [Fact]
    public void A_leader_of_an_older_epoch_is_fenced_and_changes_nothing()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");
        group.Run(group.Lease, "b");
        Assert.Equal(("b", 2L), (group.State.LeaderId, group.State.Epoch));
        var before = group.Rules.ToView();

        var decision = group.Report("a", logEndOffset: 5_000, lastLogEpoch: 1, epoch: 1, isLeader: true);
        var after = group.Rules.ToView();

        Assert.Equal(new LeadershipDecision(false, LeadershipEvent.Fenced), decision);
        Assert.Equal(("b", 2L), (after.LeaderId, after.Epoch));
        Assert.Equal(before.Members["a"], after.Members["a"]);
        Assert.Equal(before.InSync.AsEnumerable(), after.InSync.AsEnumerable());
        Assert.NotEqual("a", after.LeaderId);
    }

    [Fact]
    public void A_new_epoch_is_beyond_every_epoch_a_replica_reported_when_the_group_state_was_lost()
    {
        var group = new LeadershipHarness();
        group.Report("a", logEndOffset: 7_000, lastLogEpoch: 6, epoch: 7, isLeader: false);
        group.Report("b", logEndOffset: 8_000, lastLogEpoch: 7, epoch: 7, isLeader: true);

        Assert.Equal(("b", 8L), (group.State.LeaderId, group.State.Epoch));
        Assert.Equal(8, group.State.EpochHistory.Single().Epoch);
    }

    [Fact]
    public void ChangeInSync_from_the_current_leader_and_epoch_replaces_the_set()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b", "c");

        var decision = group.Rules.ChangeInSync("a", 1, ["a", "c"]);

        Assert.Equal(new LeadershipDecision(true, LeadershipEvent.InSyncChanged), decision);
        Assert.Equal(["a", "c"], group.State.InSync);
        Assert.Equal(new LeadershipDecision(false, LeadershipEvent.None), group.Rules.ChangeInSync("a", 1, ["c", "a"]));
    }

    [Theory]
    [InlineData("b", 1, "a,b")] // not the leader
    [InlineData("a", 0, "a,b")] // an older epoch
    [InlineData("a", 2, "a,b")] // an epoch that does not exist
    [InlineData("a", 1, "b,c")] // a set without the leader
    [InlineData("a", 1, "a,x")] // an unknown replica
    public void ChangeInSync_is_refused_unless_the_current_leader_names_itself_and_known_replicas(string caller, long epoch, string set)
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b", "c");
        var before = group.State.InSync.ToList();

        var decision = group.Rules.ChangeInSync(caller, epoch, set.Split(','));

        Assert.Equal(new LeadershipDecision(false, LeadershipEvent.Refused), decision);
        Assert.Equal(before, group.State.InSync);
    }

    [Fact]
    public void Resign_elects_another_fresh_in_sync_replica_at_once_and_drops_the_resigner_from_the_set()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b", "c");
        group.SetLog("c", 950);
        group.Heartbeat("b");
        group.Heartbeat("c");

        var decision = group.Rules.Resign("a", 1);

        Assert.Equal(new LeadershipDecision(true, LeadershipEvent.Elected), decision);
        Assert.Equal(("c", 2L), (group.State.LeaderId, group.State.Epoch));
        Assert.Equal(["b", "c"], group.State.InSync.Order());
    }

    [Fact]
    public void Resign_without_another_in_sync_replica_leaves_the_group_leaderless_but_the_resigner_in_sync()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");
        Assert.Equal(LeadershipEvent.InSyncChanged, group.Rules.ChangeInSync("a", 1, ["a"]).Event);
        group.Heartbeat("b");

        var decision = group.Rules.Resign("a", 1);

        Assert.Equal(new LeadershipDecision(true, LeadershipEvent.LeaderLost), decision);
        Assert.Null(group.State.LeaderId);
        Assert.Equal(["a"], group.State.InSync);

        // b, out of sync, is never elected; a counts as gone until it reports again (as a follower, after its restart).
        Assert.Equal(LeadershipEvent.NoCandidate, group.Heartbeat("b").Event);
        Assert.Null(group.State.LeaderId);
        Assert.Equal(LeadershipEvent.Elected, group.Heartbeat("a").Event);
        Assert.Equal(("a", 2L), (group.State.LeaderId, group.State.Epoch));
    }

    [Theory]
    [InlineData("b", 1)]
    [InlineData("a", 0)]
    public void Resign_is_refused_unless_the_current_leader_of_the_current_epoch_asks(string caller, long epoch)
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");

        Assert.Equal(new LeadershipDecision(false, LeadershipEvent.Refused), group.Rules.Resign(caller, epoch));
        Assert.Equal(("a", 1L), (group.State.LeaderId, group.State.Epoch));
    }

    [Fact]
    public void Follower_broker_ids_are_assigned_once_in_order_and_never_reused()
    {
        var group = new LeadershipHarness();
        group.Heartbeat("a");
        group.Heartbeat("b");
        group.Heartbeat("c");
        group.Run(group.Lease * 2, "c", "a");

        Assert.Equal([1L, 2L, 3L], new[] { "a", "b", "c" }.Select(id => group.State.Members[id].FollowerBrokerId));

        // A new activation over the stored state keeps counting.
        group.Reactivate();
        group.Heartbeat("d");
        Assert.Equal(4, group.State.Members["d"].FollowerBrokerId);
        Assert.Equal(4, group.Rules.ToView().Members.Values.Select(m => m.FollowerBrokerId).Distinct().Count());
    }

    [Fact]
    public void A_replica_rejoining_under_a_new_id_at_its_address_replaces_its_old_id_once_the_leader_dropped_it_from_the_in_sync_set()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");

        // b's data folder is wiped: it restarts at the same address under a new id.
        group.RejoinAs("b", "b2");
        group.Run(group.Lease / 2, "a", "b2");

        // Still in sync (the leader has not dropped it yet): kept, or the group would name an in-sync replica it no longer knows.
        Assert.Contains("b", group.State.Members.Keys);
        Assert.Equal(LeadershipEvent.InSyncChanged, group.Rules.ChangeInSync("a", 1, ["a"]).Event);

        Assert.True(group.Heartbeat("a").Persist);
        Assert.Equal(["a", "b2"], group.State.Members.Keys.Order());
        Assert.Equal(["a", "b2"], group.Rules.ToView().Members.Keys.Order());
        Assert.Equal(3, group.State.Members["b2"].FollowerBrokerId);
    }

    [Fact]
    public void First_election_does_not_count_the_old_id_of_a_replica_that_rejoined_with_a_wiped_folder()
    {
        var group = new LeadershipHarness(minInSyncReplicas: 2);
        group.SetLog("a", 100);
        Assert.Equal(LeadershipEvent.FirstElectionPending, group.Heartbeat("a").Event);

        group.Time.Advance(TimeSpan.FromMilliseconds(300));
        group.RejoinAs("a", "a2");
        Assert.Equal(LeadershipEvent.FirstElectionPending, group.Heartbeat("a2").Event);
        Assert.Equal(["a2"], group.State.Members.Keys);
        Assert.Null(group.State.LeaderId);

        group.SetLog("b", 50);
        Assert.Equal(LeadershipEvent.Elected, group.Heartbeat("b").Event);
    }

    [Fact]
    public void A_replica_outside_the_in_sync_set_silent_for_many_leases_is_forgotten_but_an_in_sync_one_is_kept()
    {
        var group = new LeadershipHarness(minInSyncReplicas: 1);
        group.FormGroup("a", "b", "c");
        Assert.Equal(LeadershipEvent.InSyncChanged, group.Rules.ChangeInSync("a", 1, ["a", "b"]).Event);

        // b (in sync) and c (not) both fall silent.
        group.Run(group.Lease * LeadershipRules.ForgetAfterLeases - TimeSpan.FromMilliseconds(1), "a");
        Assert.Equal(["a", "b", "c"], group.State.Members.Keys.Order());

        group.Run(TimeSpan.FromMilliseconds(1), "a");
        Assert.Equal(["a", "b"], group.State.Members.Keys.Order());

        // c comes back: a new member, under a new follower broker id.
        Assert.True(group.Heartbeat("c").Persist);
        Assert.Equal(4, group.State.Members["c"].FollowerBrokerId);
    }

    [Fact]
    public void The_leaders_first_report_in_its_epoch_records_the_start_offset_and_EndOfEpoch_follows()
    {
        var group = new LeadershipHarness();
        group.SetLog("a", 1_000);
        group.SetLog("b", 900);
        group.Heartbeat("a");
        group.Heartbeat("b");
        Assert.Equal(-1, group.Rules.ToView().EpochHistory.Single().StartOffset);

        Assert.True(group.Heartbeat("a").Persist);
        group.Rules.ChangeInSync("a", 1, ["a", "b"]);
        group.SetLog("a", 1_500, lastLogEpoch: 1);
        group.Heartbeat("a");

        var view = group.Rules.ToView();
        Assert.Equal(1_000, view.EpochHistory.Single().StartOffset);
        Assert.Null(view.EndOfEpoch(1));

        group.SetLog("b", 1_500, lastLogEpoch: 1);
        group.Run(group.Lease, "b");
        Assert.Equal(("b", 2L), (group.State.LeaderId, group.State.Epoch));
        Assert.Null(group.Rules.ToView().EndOfEpoch(1));
        group.Heartbeat("b");

        view = group.Rules.ToView();
        Assert.Equal([1_000L, 1_500L], view.EpochHistory.Select(e => e.StartOffset));
        Assert.Equal(1_500, view.EndOfEpoch(1));
        Assert.Null(view.EndOfEpoch(2));
    }

    [Fact]
    public void A_follower_heartbeat_that_changes_only_offsets_needs_no_write()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");
        group.SetLog("b", 950);

        Assert.Equal(new LeadershipDecision(false, LeadershipEvent.None), group.Heartbeat("b"));
        Assert.Equal(950, group.State.Members["b"].LogEndOffset);
    }

    [Fact]
    public void Lease_renewals_are_written_once_per_half_lease_and_the_reservation_always_covers_the_live_lease()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");
        var writes = 0;
        var heartbeats = 0;
        for (var elapsed = TimeSpan.Zero; elapsed < group.Lease * 5; elapsed += TimeSpan.FromMilliseconds(100))
        {
            group.Time.Advance(TimeSpan.FromMilliseconds(100));
            heartbeats++;
            writes += group.Heartbeat("a").Persist ? 1 : 0;
            Assert.True(group.State.LeaseExpiresUtc >= group.Rules.LeaseExpires);
        }

        // 100 renewals over 10 s, a write every 1 s (half the 2 s lease).
        Assert.Equal(100, heartbeats);
        Assert.InRange(writes, 9, 11);
    }

    [Fact]
    public void A_new_activation_waits_for_the_persisted_reservation_before_electing()
    {
        var group = new LeadershipHarness();
        group.FormGroup("a", "b");
        group.Run(TimeSpan.FromMilliseconds(700), "a", "b");
        var reservation = group.State.LeaseExpiresUtc!.Value;
        Assert.True(reservation >= group.Rules.LeaseExpires);

        group.Reactivate();
        Assert.Equal(reservation, group.Rules.LeaseExpires);
        while (group.Time.GetUtcNow() + TimeSpan.FromMilliseconds(100) < reservation)
        {
            group.Time.Advance(TimeSpan.FromMilliseconds(100));
            group.Heartbeat("b");
            Assert.Equal(("a", 1L), (group.State.LeaderId, group.State.Epoch));
        }

        group.Time.Advance(reservation - group.Time.GetUtcNow());
        Assert.Equal(LeadershipEvent.Elected, group.Heartbeat("b").Event);
        Assert.Equal(("b", 2L), (group.State.LeaderId, group.State.Epoch));
    }
}
