// Command precise has AWS calls that its main never reaches: a method of
// a type never converted to the interface it implements, and a function
// nobody calls (scanAll).
package main

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

type saver interface {
	Save(ctx context.Context) error
}

type putter struct{ db *dynamodb.Client }

func (p putter) Save(ctx context.Context) error {
	_, err := p.db.PutItem(ctx, &dynamodb.PutItemInput{})
	return err
}

type deleter struct{ db *dynamodb.Client }

func (d deleter) Save(ctx context.Context) error {
	_, err := d.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{})
	return err
}

func scanAll(ctx context.Context, db *dynamodb.Client) {
	db.Scan(ctx, &dynamodb.ScanInput{})
}

func main() {
	db := dynamodb.NewFromConfig(aws.Config{})
	var s saver = putter{db}
	_ = s.Save(context.Background())
	_ = deleter{db}
}
