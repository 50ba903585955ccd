using System.Text;
using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Tests;

public sealed class JavaNumberTextTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("+17", 17)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    [InlineData("000000000000000000000000042", 42)]
    public void Integer_valueOf_accepts(string text, int expected)
    {
        Assert.True(JavaNumberText.TryParseInt(Encoding.UTF8.GetBytes(text), out int value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("1 ")]
    [InlineData("1.0")]
    [InlineData("0x10")]
    [InlineData("1\0")]
    public void Integer_valueOf_refuses(string text) => Assert.False(JavaNumberText.TryParseInt(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Long_valueOf_accepts_its_range(string text, long expected)
    {
        Assert.True(JavaNumberText.TryParseLong(Encoding.UTF8.GetBytes(text), out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999999")]
    public void Long_valueOf_refuses_beyond(string text) => Assert.False(JavaNumberText.TryParseLong(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData(" 1.5 ", 1.5)]
    [InlineData("1.", 1.0)]
    [InlineData(".5", 0.5)]
    [InlineData("-2.5e3", -2500.0)]
    [InlineData("1E+2", 100.0)]
    [InlineData("3d", 3.0)]
    [InlineData("3.5F", 3.5)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    public void Double_valueOf_accepts(string text, double expected)
    {
        Assert.True(JavaNumberText.TryParseDouble(Encoding.UTF8.GetBytes(text), out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(".")]
    [InlineData("e5")]
    [InlineData("1e")]
    [InlineData("1.5x")]
    [InlineData("nan")]
    [InlineData("infinity")]
    [InlineData("1,5")]
    [InlineData("1fd")]
    public void Double_valueOf_refuses(string text) => Assert.False(JavaNumberText.TryParseDouble(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("true", true)]
    [InlineData("TrUe", true)]
    [InlineData("yes", false)]
    [InlineData("", false)]
    public void Boolean_valueOf(string text, bool expected) => Assert.Equal(expected, JavaNumberText.ParseBoolean(Encoding.UTF8.GetBytes(text)));
}
