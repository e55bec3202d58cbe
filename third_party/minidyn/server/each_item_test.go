package server

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/stretchr/testify/require"
)

func TestServerTableItems(t *testing.T) {
	srv := NewServer()
	ts := httptest.NewServer(srv)
	defer ts.Close()

	cli := newTestDynamoClient(t, ts.URL)
	makeBasicTable(t, cli, "pokemons", "id")

	for _, id := range []string{"3", "1", "2"} {
		_, err := cli.PutItem(context.Background(), &dynamodb.PutItemInput{
			TableName: aws.String("pokemons"),
			Item: map[string]ddbtypes.AttributeValue{
				"id":  &ddbtypes.AttributeValueMemberS{Value: id},
				"lvl": &ddbtypes.AttributeValueMemberN{Value: "5"},
			},
		})
		require.NoError(t, err)
	}

	var ids, lvls []string

	items, err := srv.TableItems("pokemons")
	require.NoError(t, err)

	for stored := range items {
		item := stored.AttributeValues()
		require.JSONEq(t, string(AppendItemJSON(nil, item)), string(stored.AppendJSON(nil)))

		// A write while the items are read is not seen, and does not
		// wait for the reading to end.
		_, err := cli.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{
			TableName:                 aws.String("pokemons"),
			Key:                       map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: "3"}},
			UpdateExpression:          aws.String("SET lvl = :l"),
			ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":l": &ddbtypes.AttributeValueMemberN{Value: "36"}},
		})
		require.NoError(t, err)

		ids = append(ids, aws.ToString(item["id"].S))
		lvls = append(lvls, aws.ToString(item["lvl"].N))
	}
	require.ElementsMatch(t, []string{"1", "2", "3"}, ids)
	require.Equal(t, []string{"5", "5", "5"}, lvls)

	out, err := cli.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String("pokemons"),
		Key:       map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: "3"}},
	})
	require.NoError(t, err)
	require.Equal(t, "36", out.Item["lvl"].(*ddbtypes.AttributeValueMemberN).Value)

	n := 0
	for range items { // read again, stopped early
		n++
		break
	}

	require.Equal(t, 1, n)

	_, err = srv.TableItems("missing")

	var notFound *ddbtypes.ResourceNotFoundException
	require.ErrorAs(t, err, &notFound)
}
