//! Real error texts, as clients pasted them into issue threads (the source beside each),
//! for the decoder's tests. Quoted verbatim except where a comment says what was cut.

/// Perl Data::Dumper of the S3 error in the incident this project exists for (issue 11).
pub const INCIDENT_DUMPER: &str = "'Code' => 'RequestTimeTooSkewed',
'ServerTime' => '2015-06-08T06:25:25Z',
'Message' => 'The difference between the request time and the current time is too large.',
'MaxAllowedSkewMilliseconds' => '900000',
'RequestTime' => 'Mon, 08 Jun 2015 06:41:00 GMT'";

/// S3 XML with an amz-date `RequestTime`, inside a PHP exception.
/// Source: https://github.com/aws/aws-sdk-php/issues/612 (trimmed after `</Error>'`).
pub const S3_XML_PHP: &str = r#"Fatal error: Uncaught exception 'Aws\S3\Exception\S3Exception' with message 'Error executing "PutObject" on "https://s3.amazonaws.com/backupebrain/my-backupfile"; AWS HTTP error: Client error: 403 RequestTimeTooSkewed (client): The difference between the request time and the current time is too large. - <?xml version="1.0" encoding="UTF-8"?> <Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20150604T232559Z</RequestTime><ServerTime>2015-06-04T22:26:16Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>9E09E2E8D09D863C</RequestId><HostId>CQl85Ol1ejSfxwCFffw880W3OsDNI+FtTYPrQFjJVtM6vmd4pWJaOCuNEWtZPUfjhYRHByziBxg=</HostId></Error>'"#;

/// S3 XML escaped inside an Elixir tuple: a retry that reused its signature.
/// Source: https://github.com/ex-aws/ex_aws/issues/159
pub const S3_XML_ELIXIR: &str = r#"{:error, {:http_error, 403, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20160524T120229Z</RequestTime><ServerTime>2016-05-24T12:18:12Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>E0221C34074F9443</RequestId><HostId>NUKOZMhRHvjeH5R4DWX4wSjDB8E7Ay3bU2pD6w4s1qDLHwO4Lh5ONO+OdVzfNaOskVD5Km5Oq70=</HostId></Error>"}}"#;

/// An S3-compatible service (Aliyun OSS) with millisecond RFC 3339 times, in an SDK log.
/// Source: https://github.com/aliyun/aliyun-oss-android-sdk/issues/167 (the XML part)
pub const OSS_XML_MILLIS: &str = r#"[StatusCode]: 403, [Code]: RequestTimeTooSkewed, [Message]: The difference between the request time and the current time is too large., [Requestid]: 5C9F6CBDB007B7575C5395BA, [HostId]: yw2018.oss-cn-hangzhou.aliyuncs.com, [RawMessage]: <?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>RequestTimeTooSkewed</Code>
  <Message>The difference between the request time and the current time is too large.</Message>
  <RequestId>5C9F6CBDB007B7575C5395BA</RequestId>
  <HostId>yw2018.oss-cn-hangzhou.aliyuncs.com</HostId>
  <MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>
  <RequestTime>1970-01-01T12:52:35.000Z</RequestTime>
  <ServerTime>2019-03-30T13:18:53.000Z</ServerTime>
</Error>"#;

/// STS-style SigV4 "Signature expired" in a comment.
/// Source: https://github.com/LilyBin/LilyBin/issues/72
pub const SIGV4_EXPIRED: &str = "Signature expired: 20160117T015330Z is now earlier than 20160117T015332Z (20160117T015832Z - 5 min.)";

/// The same message as a JSON body (API Gateway).
/// Source: https://github.com/mhart/aws4fetch/issues/73
pub const SIGV4_EXPIRED_JSON: &str = r#"{
    "message": "Signature expired: 20241008T195522Z is now earlier than 20241008T195940Z (20241008T200440Z - 5 min.)"
}"#;

/// SigV4 "Signature not yet current" from the Serverless CLI.
/// Source: https://github.com/serverless/enterprise/issues/11
pub const SIGV4_NOT_YET: &str = "ServerlessError: Signature not yet current: 20181120T211543Z is still later than 20181120T211529Z (20181120T211029Z + 5 min.)";

/// Azure Storage XML: the request date in the detail, the server's time in the message.
/// Source: https://github.com/Azure/azure-sdk-for-js/issues/5433
pub const AZURE_XML: &str = r#"Error: <?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.
RequestId:a7c15331-501e-0094-6847-7d350f000000
Time:2019-10-07T19:46:36.6469406Z</Message><AuthenticationErrorDetail>Request date header too old: 'Fri, 04 Oct 2019 18:02:12 GMT'</AuthenticationErrorDetail></Error>"#;

/// Azure Storage as a Node.js object dump, with escaped quotes and a literal `\n`.
/// Source: https://github.com/Azure/azure-content/issues/5317 (cut after the headers' first line)
pub const AZURE_NODE: &str = r#"{ isSuccessful: false,
  statusCode: 403,
  body: 
  { Error: 
      { Code: 'AuthenticationFailed',
        Message: 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\nRequestId:bf44f61b-0001-000a-1f8c-48639c000000\nTime:2016-01-06T14:13:33.6901314Z',
        AuthenticationErrorDetail: 'Request date header too old: \'Thu, 31 Dec 2015 19:41:27 GMT\'' } },
  headers: 
  { 'content-length': '435',"#;

/// An expired presigned URL: `Expires` and `X-Amz-Expires` but no `X-Amz-Date`.
/// Source: https://github.com/lukejacksonn/react-slack-clone/issues/27
pub const PRESIGNED_EXPIRED: &str = "<Error>
<Code>AccessDenied</Code>
<Message>Request has expired</Message>
<X-Amz-Expires>60</X-Amz-Expires>
<Expires>2018-03-29T11:17:34Z</Expires>
<ServerTime>2018-03-29T11:27:42Z</ServerTime>
<RequestId>FED2CBD7BC00CFFC</RequestId>
<HostId>
0fKFeZ57PPIGTSbziuxnr9eF5rXaTvTVHurpzL6lpcawA50LxmiGv5c2sPISUdKFYR3sRdOg7tg=
</HostId>
</Error>";

/// A raw exchange: `curl -v` to S3 with a `Date` in a numeric zone, and the response.
/// Source: https://github.com/ceph/ceph/pull/38075
pub const RAW_EXCHANGE: &str = "PUT /yuliyangwebsite/1G-16 HTTP/1.1
Host: s3.amazonaws.com
User-Agent: curl/7.61.1
Accept: */*
Authorization: AWS AKIAICWCTUYIEGGYI3UA:+pnFKZGxaCnksvxYMx8kLy3JTVA=
Date: Sat, 14 Nov 2020 12:30:21 +0800
Content-Type: text/plain
Content-Length: 7
Expect: 100-continue

HTTP/1.1 100 Continue
We are completely uploaded and fine
HTTP/1.1 200 OK
x-amz-id-2: QAkMhjsNBT6kOiD8hg4jdpW7bVRUPJwnXbSvK+W4lb08EUFPiel8ymUzydCnvauBiZejttEN7yY=
x-amz-request-id: 5B145A81FD6E99B5
Date: Sat, 14 Nov 2020 04:30:23 GMT
ETag: \"093f419dbfa58013cf010b6988a1161e\"
Content-Length: 0
Server: AmazonS3";

/// The example JWT of RFC 7519 section 3.1 (`exp` 1300819380, no `iat`).
/// Source: https://www.rfc-editor.org/rfc/rfc7519#section-3.1
pub const RFC7519_JWT: &str = "Authorization: Bearer eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/// A Python traceback from boto with the S3 XML and an HTTP-date `RequestTime`.
/// Source: https://github.com/boot2docker/boot2docker/issues/469
pub const S3_PYTHON_TRACEBACK: &str = r#"  File "/usr/local/lib/python2.7/dist-packages/boto/s3/connection.py", line 615, in create_bucket
    response.status, response.reason, body)
boto.exception.S3ResponseError: S3ResponseError: 403 Forbidden
<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>redacted</RequestId><HostId>redacted</HostId><RequestTime>Wed, 06 Aug 2014 02:17:06 GMT</RequestTime><ServerTime>2014-08-06T17:36:03Z</ServerTime></Error>"#;

/// The same error as botocore's `ClientError.response` dict prints it (Python repr); the
/// values are those of the boot2docker sample above, the shape botocore's.
pub const S3_BOTOCORE_DICT: &str = "{'Error': {'Code': 'RequestTimeTooSkewed', 'Message': 'The difference between the request time and the current time is too large.', 'RequestTime': 'Wed, 06 Aug 2014 02:17:06 GMT', 'ServerTime': '2014-08-06T17:36:03Z', 'MaxAllowedSkewMilliseconds': '900000'}, 'ResponseMetadata': {'HTTPStatusCode': 403}}";
